package io.parley.embedded.internal.feature.carbons;

import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Jid;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The sessions that enabled carbons (XEP-0280 §4), until they disable them or end. */
@Singleton
final class CarbonsSessions implements SessionLifecycle {
  private final SessionRegistry sessions;
  // Full JID -> session: a replaced session ending must not disable its successor.
  private final ConcurrentHashMap<Jid, Session> enabled = new ConcurrentHashMap<>();

  @Inject
  CarbonsSessions(SessionRegistry sessions) {
    this.sessions = sessions;
  }

  void enable(Jid resource) {
    Session s = sessions.find(resource);
    if (s != null) {
      enabled.put(resource, s);
    }
  }

  void disable(Jid resource) {
    enabled.remove(resource);
  }

  boolean isEnabled(Session s) {
    return enabled.get(s.jid()) == s;
  }

  @Override
  public void ended(Session session) {
    enabled.remove(session.jid(), session);
  }
}
