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

  /**
   * A presence a local session addressed to an account or resource of this domain: directed
   * presence (RFC 6121 §4.6), subscription requests and answers (§3), probes (§4.3). The
   * {@code from} is stamped with the sender's full JID.
   */
  void directed(Presence presence, Session sender);

  /** A presence the server generated for a local account (bare JID) or resource (full JID). */
  void inbound(Presence presence);
}
