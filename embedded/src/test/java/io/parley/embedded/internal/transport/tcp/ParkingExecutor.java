package io.parley.embedded.internal.transport.tcp;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * A host pool for tests: runs each task at once while {@link #inline}, else parks it until the
 * test runs it, as a busy pool would hold it.
 */
final class ParkingExecutor implements Executor {
  boolean inline = true;
  final Queue<Runnable> parked = new ArrayDeque<>();

  @Override
  public void execute(Runnable task) {
    if (inline) {
      task.run();
    } else {
      parked.add(task);
    }
  }

  /** Runs parked tasks, and what they park in turn, until none is left. */
  void runParked() {
    Runnable task;
    while ((task = parked.poll()) != null) {
      task.run();
    }
  }
}
