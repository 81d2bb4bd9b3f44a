package io.parley.embedded.internal.feature.presence;

import io.parley.embedded.internal.session.Session;
import io.parley.spi.stanza.Jid;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The entities each session sent directed available presence to (RFC 6121 §4.6): they get the
 * session's unavailable presence when it goes unavailable or ends.
 */
@Singleton
final class DirectedPresence {
  private final ConcurrentHashMap<Session, Set<Jid>> bySession = new ConcurrentHashMap<>();

  @Inject
  DirectedPresence() {}

  void available(Session session, Jid to) {
    bySession.compute(session, (s, targets) -> {
      Set<Jid> t = targets == null ? ConcurrentHashMap.newKeySet() : targets;
      t.add(to);
      return t;
    });
  }

  void unavailable(Session session, Jid to) {
    bySession.computeIfPresent(session, (s, targets) -> {
      targets.remove(to);
      return targets.isEmpty() ? null : targets;
    });
  }

  /** Forgets and returns the session's targets. */
  Set<Jid> clear(Session session) {
    Set<Jid> targets = bySession.remove(session);
    return targets == null ? Set.of() : targets;
  }
}
