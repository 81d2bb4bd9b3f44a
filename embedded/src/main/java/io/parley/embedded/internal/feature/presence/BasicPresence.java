package io.parley.embedded.internal.feature.presence;

import io.parley.embedded.internal.router.PresenceHandling;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionEvents;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Presence;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The part of RFC 6121 presence that message routing needs: a session's availability and priority
 * (§4.2, §4.7.2.3), and directed presence between local resources (§4.6). Rosters, subscriptions
 * and broadcast to subscribers belong to the IM feature that replaces this class.
 */
@Singleton
final class BasicPresence implements PresenceHandling {
  private final SessionRegistry sessions;
  private final SessionEvents events;

  @Inject
  BasicPresence(SessionRegistry sessions, SessionEvents events) {
    this.sessions = sessions;
    this.events = events;
  }

  @Override
  public void broadcast(Presence presence, Session sender) {
    if (presence.type() == Presence.Type.AVAILABLE || presence.type() == Presence.Type.UNAVAILABLE) {
      boolean initial = !sender.isAvailable() && presence.type() == Presence.Type.AVAILABLE;
      sender.presence(presence);
      if (initial) {
        events.initialPresence(sender);
      }
    }
  }

  @Override
  public void inbound(Presence presence) {
    if (presence.type() != Presence.Type.AVAILABLE
        && presence.type() != Presence.Type.UNAVAILABLE) {
      return; // subscription management and probes: not implemented here
    }
    if (presence.to().isFull()) {
      Session s = sessions.find(presence.to());
      if (s != null) {
        s.deliver(presence);
      }
      return;
    }
    for (Session s : sessions.resources(presence.to())) {
      if (s.isAvailable()) {
        s.deliver(presence);
      }
    }
  }
}
