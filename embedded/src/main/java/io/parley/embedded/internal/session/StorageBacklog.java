package io.parley.embedded.internal.session;

import io.parley.embedded.internal.ServerConfig;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Writes that routing queued for the store and the store has not finished (archived messages):
 * past {@code storageBacklog} of them, client streams stop reading until the store has caught
 * up to half of it. Clients then slow down to what the store can write, instead of the queue
 * growing until the heap is full; nothing is dropped.
 */
@Singleton
public final class StorageBacklog {
  private final int high;
  private final int low;
  private final AtomicInteger pending = new AtomicInteger();
  private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

  @Inject
  public StorageBacklog(ServerConfig config) {
    this(config.storageBacklog());
  }

  StorageBacklog(int limit) {
    this.high = limit;
    this.low = limit / 2;
  }

  /** {@code n} writes were queued; any thread. */
  public void added(int n) {
    pending.addAndGet(n);
  }

  /** {@code n} queued writes are done (written, skipped or failed); any thread. */
  public void done(int n) {
    if (pending.addAndGet(-n) <= low && !waiting.isEmpty()) {
      release();
    }
  }

  /** Whether streams should stop reading now. */
  public boolean full() {
    return pending.get() >= high;
  }

  /** Runs {@code resume} once the backlog is down to half its limit, perhaps at once. */
  public void whenDrained(Runnable resume) {
    waiting.add(resume);
    // A done() between the caller's full() and the add above must not leave us waiting.
    if (pending.get() <= low) {
      release();
    }
  }

  public int size() {
    return pending.get();
  }

  private void release() {
    Runnable r;
    while ((r = waiting.poll()) != null) {
      r.run();
    }
  }
}
