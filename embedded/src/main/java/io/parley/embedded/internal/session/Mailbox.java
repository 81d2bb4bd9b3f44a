package io.parley.embedded.internal.session;

import io.parley.spi.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session's bounded, lock-free inbox: any thread offers (multi-producer), one consumer drains in
 * batches on the session's executor, so per-sender order holds and delivery takes no lock.
 *
 * <p>The queue is linked ({@link LinkedMailboxQueue}), so an idle session holds little memory.
 * When the sink cannot take more (a network peer that stops reading), draining pauses until
 * {@link #resume()}; the queue then fills and {@link #offer} refuses, which bounds memory.
 */
public final class Mailbox {
  /** Where drained stanzas go; called on the mailbox's executor only. */
  public interface Sink {
    /** Whether the sink can take another stanza now (for example, the channel is writable). */
    boolean ready();

    void accept(Stanza stanza);

    /**
     * A prepared stanza for this sink's session. Sinks that can write the shared serialization
     * (network sessions) override this; the default takes the stanza itself.
     */
    default void accept(PreparedStanza.Addressed delivery) {
      accept(delivery.stanza());
    }

    /** Called after each batch (for example, to flush a channel). */
    void batchDone();
  }

  private static final int IDLE = 0;
  private static final int SCHEDULED = 1;
  private static final int CLOSED = 2;

  // Stanza or PreparedStanza.Addressed: a common type would cost a wrapper per plain delivery.
  private final LinkedMailboxQueue<Object> queue;
  private final Executor executor;
  private final Sink sink;
  private final int batchSize;
  private final AtomicInteger state = new AtomicInteger(IDLE);
  private boolean paused; // only touched on the executor

  /** @param capacity the most stanzas queued, rounded up to a power of two */
  public Mailbox(int capacity, int batchSize, Executor executor, Sink sink) {
    // Rounded up to a power of two, as the bounded array queue used before did.
    int bound = Math.max(4, capacity);
    this.queue = new LinkedMailboxQueue<>(Integer.highestOneBit(bound - 1) << 1);
    this.batchSize = batchSize;
    this.executor = executor;
    this.sink = sink;
  }

  /** Queues a stanza; false if the mailbox is full or closed. */
  public boolean offer(Stanza stanza) {
    return offerEntry(stanza);
  }

  private boolean offerEntry(Object entry) {
    if (state.get() == CLOSED || !queue.offer(entry)) {
      return false;
    }
    if (state.get() == IDLE && state.compareAndSet(IDLE, SCHEDULED)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // A saturated pool must not leave us SCHEDULED with no drain coming: go idle, so the
        // next offer tries again. The stanza stays queued and in order.
        state.set(IDLE);
      }
    }
    return true;
  }

  /** Queues one delivery of a prepared stanza; false if the mailbox is full or closed. */
  public boolean offer(PreparedStanza.Addressed delivery) {
    return offerEntry(delivery);
  }

  /** Restarts draining after the sink became ready again; call on the executor. */
  public void resume() {
    if (paused) {
      paused = false;
      drain();
    }
  }

  /** Closes the mailbox and returns what was never drained, for the caller to hand elsewhere. */
  public List<Stanza> close() {
    state.set(CLOSED);
    List<Stanza> rest = new ArrayList<>();
    queue.drain(e -> rest.add(e instanceof Stanza s ? s : ((PreparedStanza.Addressed) e).stanza()));
    return rest;
  }

  public int size() {
    return queue.size();
  }

  private void drain() {
    while (true) {
      if (state.get() == CLOSED) {
        return;
      }
      int n = 0;
      Object entry;
      while (n < batchSize && sink.ready() && (entry = queue.relaxedPoll()) != null) {
        if (entry instanceof Stanza stanza) {
          sink.accept(stanza);
        } else {
          sink.accept((PreparedStanza.Addressed) entry);
        }
        n++;
      }
      if (n > 0) {
        sink.batchDone();
      }
      if (!queue.isEmpty()) {
        if (!sink.ready()) {
          paused = true; // stay SCHEDULED so producers don't reschedule; resume() restarts us
        } else {
          executor.execute(this::drain); // yield the thread to other sessions between batches
        }
        return;
      }
      if (!state.compareAndSet(SCHEDULED, IDLE)) {
        return; // closed meanwhile
      }
      // A producer may have offered after our last poll but before we went idle.
      if (queue.isEmpty() || !state.compareAndSet(IDLE, SCHEDULED)) {
        return;
      }
    }
  }
}
