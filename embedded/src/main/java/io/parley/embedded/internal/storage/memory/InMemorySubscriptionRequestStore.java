package io.parley.embedded.internal.storage.memory;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.storage.SubscriptionRequestStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Pending subscription requests in memory, lost when the process ends. Thread-safe. */
public final class InMemorySubscriptionRequestStore implements SubscriptionRequestStore {
  private final ConcurrentHashMap<Jid, Map<Jid, Presence>> byUser = new ConcurrentHashMap<>();

  @Override
  public boolean has(Jid user, Jid requester) {
    Map<Jid, Presence> pending = byUser.get(user.asBare());
    return pending != null && pending.containsKey(requester.asBare());
  }

  @Override
  public void put(Jid user, Jid requester, Presence request) {
    byUser.compute(user.asBare(), (u, pending) -> {
      Map<Jid, Presence> p = pending == null ? new ConcurrentHashMap<>() : pending;
      p.put(requester.asBare(), request);
      return p;
    });
  }

  @Override
  public void remove(Jid user, Jid requester) {
    byUser.computeIfPresent(user.asBare(), (u, pending) -> {
      pending.remove(requester.asBare());
      return pending.isEmpty() ? null : pending;
    });
  }

  @Override
  public List<Presence> pending(Jid user) {
    Map<Jid, Presence> pending = byUser.get(user.asBare());
    return pending == null ? List.of() : List.copyOf(pending.values());
  }

  @Override
  public void deleteUser(Jid user) {
    byUser.remove(user.asBare());
  }
}
