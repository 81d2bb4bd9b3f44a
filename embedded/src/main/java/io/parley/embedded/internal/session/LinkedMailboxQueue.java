package io.parley.embedded.internal.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A mailbox's bounded multi-producer queue, as small as an empty queue can be: a linked queue (48
 * bytes when empty) and a count that bounds it. JCTools' array queues are faster per element but
 * cost about 700 bytes each even when empty (cache-line padding and a first chunk), which most
 * sessions, idle most of the time, would pay for nothing; a node per queued element is cheap next
 * to the stanza it carries.
 *
 * <p>The count is taken before the element is linked and given back after it is unlinked, so it
 * never undercounts: at most {@code capacity} elements are ever queued.
 */
final class LinkedMailboxQueue<E> {
  private static final VarHandle COUNT;

  static {
    try {
      COUNT = MethodHandles.lookup().findVarHandle(LinkedMailboxQueue.class, "count", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ConcurrentLinkedQueue<E> queue = new ConcurrentLinkedQueue<>();
  private final int capacity;
  private volatile int count;

  LinkedMailboxQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Queues {@code e}; false if {@code capacity} elements are queued. Any thread. */
  boolean offer(E e) {
    int c;
    do {
      c = count;
      if (c >= capacity) {
        return false;
      }
    } while (!COUNT.weakCompareAndSet(this, c, c + 1));
    queue.offer(e);
    return true;
  }

  /** The oldest element, or null. The consumer thread only. */
  E relaxedPoll() {
    E e = queue.poll();
    if (e != null) {
      COUNT.getAndAdd(this, -1);
    }
    return e;
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return count;
  }

  /** Hands every queued element to {@code sink}. The consumer thread only. */
  void drain(Consumer<E> sink) {
    E e;
    while ((e = relaxedPoll()) != null) {
      sink.accept(e);
    }
  }
}
