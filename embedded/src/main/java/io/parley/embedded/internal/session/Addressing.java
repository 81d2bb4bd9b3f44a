package io.parley.embedded.internal.session;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;

/** The server's rule for a client's {@code from} address (RFC 6120 §8.1.2.1). */
public final class Addressing {
  private Addressing() {}

  /**
   * The stanza with {@code from} set to the session's full JID, or null if the client claimed
   * another address (its own bare JID is accepted and replaced by the full one).
   */
  public static Stanza stamp(Stanza stanza, Jid sessionJid) {
    Jid from = stanza.from();
    if (from == null || from.equals(sessionJid.asBare())) {
      return stanza.withFrom(sessionJid);
    }
    return from.equals(sessionJid) ? stanza : null;
  }
}
