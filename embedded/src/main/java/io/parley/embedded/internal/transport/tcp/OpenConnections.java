package io.parley.embedded.internal.transport.tcp;

import io.netty.channel.EventLoop;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open connections of every listener, in one list per event loop: shutdown reaches the
 * unauthenticated ones too, and one sweep per loop serves every connection's idle timeout and
 * keepalive (RFC 6120 §4.6).
 *
 * <p>Why not a timer and a map entry per connection: a scheduled task with its lambda and queue
 * slot, and a map node, cost about 130 bytes of heap per idle session. The lists link the
 * handlers themselves and each is touched only on its own loop, so they need no locks. The
 * price is precision: a timeout or keepalive fires up to one sweep period late (a quarter of the
 * shorter of the two, between 10 ms and 1 s).
 */
final class OpenConnections {
  private static final Logger log = LoggerFactory.getLogger(OpenConnections.class);
  static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final C2sChannelHandler.Timeouts timeouts;
  private final long sweepNanos;
  private final Map<EventLoop, Loop> loops = new ConcurrentHashMap<>();
  private final AtomicInteger count = new AtomicInteger();

  OpenConnections(C2sChannelHandler.Timeouts timeouts) {
    this.timeouts = timeouts;
    this.sweepNanos = sweepNanos(timeouts);
  }

  static long sweepNanos(C2sChannelHandler.Timeouts timeouts) {
    long shortest = Long.MAX_VALUE;
    if (timeouts.idleNanos() > 0) {
      shortest = timeouts.idleNanos();
    }
    if (timeouts.keepaliveNanos() > 0) {
      shortest = Math.min(shortest, timeouts.keepaliveNanos());
    }
    if (shortest == Long.MAX_VALUE) {
      return 0;
    }
    return Math.max(MIN_SWEEP_NANOS, Math.min(MAX_SWEEP_NANOS, shortest / 4));
  }

  C2sChannelHandler.Timeouts timeouts() {
    return timeouts;
  }

  /** Called on the connection's event loop. */
  void add(C2sChannelHandler connection, EventLoop loop) {
    loops.computeIfAbsent(loop, l -> new Loop(l, sweepNanos)).link(connection);
    count.incrementAndGet();
  }

  /** Called on the connection's event loop, once for each {@link #add}. */
  void remove(C2sChannelHandler connection, EventLoop loop) {
    loops.get(loop).unlink(connection);
    count.decrementAndGet();
  }

  int size() {
    return count.get();
  }

  /** Ends every open stream with the given error, each on its own event loop. */
  void failAll(StreamErrorCondition condition) {
    loops.values().forEach(l -> l.loop.execute(() -> l.forEach(c -> c.fail(condition))));
  }

  /** One event loop's connections: a doubly linked list through the handlers. */
  static final class Loop {
    private final EventLoop loop;
    private final long sweepNanos;
    private C2sChannelHandler head;
    private boolean sweeping;

    /** @param sweepNanos the sweep period, or 0 for none */
    Loop(EventLoop loop, long sweepNanos) {
      this.loop = loop;
      this.sweepNanos = sweepNanos;
    }

    void link(C2sChannelHandler c) {
      c.next = head;
      c.prev = null;
      if (head != null) {
        head.prev = c;
      }
      head = c;
      if (!sweeping && sweepNanos > 0) {
        sweeping = true;
        loop.schedule(this::sweep, sweepNanos, TimeUnit.NANOSECONDS);
      }
    }

    // The unlinked handler keeps its next link, so a sweep standing on it goes on from there.
    void unlink(C2sChannelHandler c) {
      if (c.prev != null) {
        c.prev.next = c.next;
      } else if (head == c) {
        head = c.next;
      }
      if (c.next != null) {
        c.next.prev = c.prev;
      }
      c.prev = null;
    }

    /** Visits each connection; the action may unlink the one it is given. */
    void forEach(Consumer<C2sChannelHandler> action) {
      for (C2sChannelHandler c = head, next; c != null; c = next) {
        next = c.next;
        action.accept(c);
      }
    }

    private void sweep() {
      long now = loop.ticker().nanoTime();
      // One connection's failure must not end the sweep for every other one on this loop.
      forEach(c -> {
        try {
          c.checkIdle(now);
        } catch (RuntimeException e) {
          log.warn("idle check failed", e);
        }
      });
      if (head == null) {
        sweeping = false; // the next link starts it again
      } else {
        loop.schedule(this::sweep, sweepNanos, TimeUnit.NANOSECONDS);
      }
    }
  }
}
