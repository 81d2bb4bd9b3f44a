package io.parley.embedded.internal.session;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: per-session ordering for work
 * that may block (host interceptors and receivers) without a thread per session.
 */
public final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  private static final int BATCH = 64;

  private final Executor pool;
  private final MpscUnboundedArrayQueue<Runnable> tasks = new MpscUnboundedArrayQueue<>(16);
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicInteger pending = new AtomicInteger();

  public SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    pending.incrementAndGet();
    tasks.offer(task);
    schedule();
  }

  /** Tasks submitted and not yet finished: what a producer may have to wait for. */
  public int pending() {
    return pending.get();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        pool.execute(this::run);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        throw e;
      }
    }
  }

  private void run() {
    for (int i = 0; i < BATCH; i++) {
      Runnable task = tasks.relaxedPoll();
      if (task == null) {
        break;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("task failed", e);
      } finally {
        pending.decrementAndGet();
      }
    }
    scheduled.set(false);
    // Re-check after clearing the flag: a producer may have offered while we were finishing.
    if (!tasks.isEmpty()) {
      schedule();
    }
  }
}
