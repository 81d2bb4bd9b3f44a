package io.parley.embedded.internal.router;

import io.parley.embedded.internal.session.Session;
import io.parley.spi.stanza.Presence;

/**
 * Where the router hands presence (RFC 6121 §4): the presence feature implements it. Called on the
 * sender's thread; must not block.
 */
public interface PresenceHandling {
  /** A presence a local session sent without {@code to}: initial presence, updates, unavailable. */
  void broadcast(Presence presence, Session sender);

  /** A presence addressed to a local account (bare JID) or resource (full JID). */
  void inbound(Presence presence);
}
