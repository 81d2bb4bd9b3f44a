package io.parley.embedded.internal.storage.memory;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.storage.OfflineStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link OfflineStore}: per-user queues in memory, lost when the process ends. Each
 * operation on a user is atomic (the map's per-key compute), so the limit holds under concurrent
 * senders.
 */
public final class InMemoryOfflineStore implements OfflineStore {
  private final ConcurrentHashMap<Jid, List<Message>> queues = new ConcurrentHashMap<>();

  @Override
  public boolean store(Jid user, Message message, int limit) {
    boolean[] stored = new boolean[1];
    queues.compute(user.asBare(), (u, queue) -> {
      List<Message> q = queue == null ? new ArrayList<>() : queue;
      if (q.size() < limit) {
        q.add(message);
        stored[0] = true;
      }
      return q.isEmpty() ? null : q;
    });
    return stored[0];
  }

  @Override
  public List<Message> takeAll(Jid user) {
    List<Message> queue = queues.remove(user.asBare());
    return queue == null ? List.of() : List.copyOf(queue);
  }

  @Override
  public int count(Jid user) {
    // compute, not get: the queue is mutated inside compute and must be read under the same lock.
    int[] n = new int[1];
    queues.computeIfPresent(user.asBare(), (u, queue) -> {
      n[0] = queue.size();
      return queue;
    });
    return n[0];
  }

  @Override
  public void deleteUser(Jid user) {
    queues.remove(user.asBare());
  }
}
