package io.parley.embedded.internal.storage.memory;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.BlockListStore;
import io.parley.spi.storage.NonBlockingStore;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link BlockListStore}: block lists in memory, lost on restart. Thread-safe; each
 * user's list is replaced atomically, and lists keep the order items were blocked in. Never
 * blocks, so a login reads it on the event loop.
 */
public final class InMemoryBlockListStore implements BlockListStore, NonBlockingStore {
  private final ConcurrentHashMap<Jid, Set<Jid>> lists = new ConcurrentHashMap<>();

  @Override
  public Set<Jid> blocked(Jid user) {
    Set<Jid> list = lists.get(user.asBare());
    return list == null ? Set.of() : list;
  }

  @Override
  public void block(Jid user, Set<Jid> jids) {
    lists.compute(user.asBare(), (u, current) -> {
      Set<Jid> next = current == null ? new LinkedHashSet<>() : new LinkedHashSet<>(current);
      next.addAll(jids);
      return Collections.unmodifiableSet(next);
    });
  }

  @Override
  public void unblock(Jid user, Set<Jid> jids) {
    lists.computeIfPresent(user.asBare(), (u, current) -> {
      if (jids.isEmpty()) {
        return null;
      }
      Set<Jid> next = new LinkedHashSet<>(current);
      next.removeAll(jids);
      return next.isEmpty() ? null : Collections.unmodifiableSet(next);
    });
  }

  @Override
  public void deleteUser(Jid user) {
    lists.remove(user.asBare());
  }
}
