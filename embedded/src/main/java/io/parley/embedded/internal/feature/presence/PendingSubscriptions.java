package io.parley.embedded.internal.feature.presence;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Subscription requests a user has neither approved nor denied (the Pending In states of RFC 6121
 * Appendix A): kept so that they reach the user's next available resource (§3.1.3) and so that
 * the user's {@code subscribed} answers them.
 *
 * <p>TODO(storage): in memory only, so pending requests are lost when the server restarts.
 */
@Singleton
final class PendingSubscriptions {
  private final ConcurrentHashMap<Jid, Map<Jid, Presence>> byUser = new ConcurrentHashMap<>();

  @Inject
  PendingSubscriptions() {}

  boolean has(Jid user, Jid requester) {
    Map<Jid, Presence> pending = byUser.get(user);
    return pending != null && pending.containsKey(requester);
  }

  /** Keeps the latest request of {@code requester} (a bare-JID {@code subscribe} stanza). */
  void put(Jid user, Jid requester, Presence request) {
    byUser.compute(user, (u, pending) -> {
      Map<Jid, Presence> p = pending == null ? new ConcurrentHashMap<>() : pending;
      p.put(requester, request);
      return p;
    });
  }

  void remove(Jid user, Jid requester) {
    byUser.computeIfPresent(user, (u, pending) -> {
      pending.remove(requester);
      return pending.isEmpty() ? null : pending;
    });
  }

  /** The user's pending requests, in no particular order. */
  List<Presence> of(Jid user) {
    Map<Jid, Presence> pending = byUser.get(user);
    return pending == null ? List.of() : List.copyOf(pending.values());
  }
}
