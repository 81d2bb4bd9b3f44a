package io.parley.embedded.internal.session;

import io.parley.spi.stanza.Stanza;

/** What sessions hand their stanzas to: the router, seen from the session layer. */
public interface StanzaRouting {
  /** Routes a stanza a session sent; {@code from} is already stamped. Never blocks. */
  void route(Stanza stanza, Session sender);

  /** Handles what is left in an ended session's mailbox, so no stanza is silently lost. */
  void undeliverable(Stanza stanza, Session endedSession);
}
