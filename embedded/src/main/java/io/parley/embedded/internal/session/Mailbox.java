package io.parley.embedded.internal.session;

import io.parley.spi.stanza.Stanza;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.unpadded.MpscChunkedUnpaddedArrayQueue;

/**
 * A session's bounded, lock-free inbox: any thread offers (multi-producer), one consumer drains in
 * batches on the session's executor, so per-sender order holds and delivery takes no lock.
 *
 * <p>The queue is JCTools' chunked MPSC array queue without cache-line padding: an idle session
 * holds about a hundred bytes for it (the padded one costs about 700), chunks are added while
 * stanzas wait and dropped as they drain.
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
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Mailbox.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // Stanza, PreparedStanza.Addressed or Burst: a common type would cost a wrapper per plain
  // delivery.
  private final MessagePassingQueue<Object> queue;
  private final Executor executor;
  private final Sink sink;
  private final int batchSize;
  // A field, not an AtomicInteger: one object less per session.
  private volatile int state = IDLE;
  private boolean paused; // only touched on the executor
  private Burst current; // the burst being written, across batches; only touched on the executor

  /** @param capacity the most stanzas queued, rounded up to a power of two */
  public Mailbox(int capacity, int batchSize, Executor executor, Sink sink) {
    // JCTools rounds the bound up to a power of two and needs a smaller first chunk.
    int bound = Math.max(4, capacity);
    int chunk = Math.min(4, Integer.highestOneBit(bound - 1));
    this.queue = new MpscChunkedUnpaddedArrayQueue<>(chunk, bound);
    this.batchSize = batchSize;
    this.executor = executor;
    this.sink = sink;
  }

  /** Queues a stanza; false if the mailbox is full or closed. */
  public boolean offer(Stanza stanza) {
    return offerEntry(stanza);
  }

  private boolean offerEntry(Object entry) {
    if (state == CLOSED || !queue.offer(entry)) {
      return false;
    }
    if (state == IDLE && STATE.compareAndSet(this, IDLE, SCHEDULED)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        // A saturated pool must not leave us SCHEDULED with no drain coming: go idle, so the
        // next offer tries again. The stanza stays queued and in order.
        state = IDLE;
      }
    }
    return true;
  }

  /** Queues one delivery of a prepared stanza; false if the mailbox is full or closed. */
  public boolean offer(PreparedStanza.Addressed delivery) {
    return offerEntry(delivery);
  }

  /**
   * Queues several stanzas as one entry, written in order with nothing between them (see
   * {@link Burst}); false if the mailbox is full or closed. The burst must not change after.
   */
  public boolean offer(Burst burst) {
    return offerEntry(burst);
  }

  /** Restarts draining after the sink became ready again; call on the executor. */
  public void resume() {
    if (paused) {
      paused = false;
      drain();
    }
  }

  /**
   * Closes the mailbox and returns what was never drained, for the caller to hand elsewhere. Call
   * on the executor; from another thread, {@link #close(Consumer)}.
   */
  public List<Stanza> close() {
    stop();
    return takeRest();
  }

  /**
   * Closes the mailbox from any thread: refuses further offers and ends draining after the
   * stanza being written, then hands {@code rest} what was never drained, on the executor after
   * any drain there. Nothing is taken here: the queue has one consumer, the executor.
   */
  public void close(Consumer<List<Stanza>> rest) {
    stop();
    executor.execute(() -> rest.accept(takeRest()));
  }

  private void stop() {
    state = CLOSED;
  }

  private List<Stanza> takeRest() {
    List<Stanza> rest = new ArrayList<>();
    if (current != null) {
      for (Object e = current.poll(); e != null; e = current.poll()) {
        rest.add(stanzaOf(e));
      }
      current = null;
    }
    queue.drain(e -> {
      if (e instanceof Burst b) {
        for (Object x = b.poll(); x != null; x = b.poll()) {
          rest.add(stanzaOf(x));
        }
      } else {
        rest.add(stanzaOf(e));
      }
    });
    return rest;
  }

  private static Stanza stanzaOf(Object e) {
    return e instanceof Stanza s ? s : ((PreparedStanza.Addressed) e).stanza();
  }

  public int size() {
    return queue.size();
  }

  private void drain() {
    while (true) {
      if (state == CLOSED) {
        return;
      }
      int n = 0;
      while (n < batchSize && state != CLOSED && sink.ready()) {
        Object entry = current != null ? current.poll() : queue.relaxedPoll();
        if (entry == null) {
          if (current == null) {
            break;
          }
          current = null; // burst written: back to the queue
        } else if (entry instanceof Burst burst) {
          current = burst; // its stanzas next, before anything queued after it
        } else {
          if (entry instanceof Stanza stanza) {
            sink.accept(stanza);
          } else {
            sink.accept((PreparedStanza.Addressed) entry);
          }
          n++;
        }
      }
      if (n > 0) {
        sink.batchDone();
      }
      if (current != null || !queue.isEmpty()) {
        if (!sink.ready()) {
          paused = true; // stay SCHEDULED so producers don't reschedule; resume() restarts us
        } else {
          executor.execute(this::drain); // yield the thread to other sessions between batches
        }
        return;
      }
      if (!STATE.compareAndSet(this, SCHEDULED, IDLE)) {
        return; // closed meanwhile
      }
      // A producer may have offered after our last poll but before we went idle.
      if (queue.isEmpty() || !STATE.compareAndSet(this, IDLE, SCHEDULED)) {
        return;
      }
    }
  }
}
