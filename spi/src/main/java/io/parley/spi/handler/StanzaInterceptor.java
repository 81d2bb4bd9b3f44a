package io.parley.spi.handler;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;

/**
 * Sees every stanza a client session sends (inbound, after the server stamped {@code from} and
 * before routing) and every stanza written to a session (outbound). Each method returns the stanza
 * to go on with: the same one, a changed copy, or null to drop it silently.
 *
 * <p>Interceptors form one ordered chain: the host's, in the order given to the builder. A host
 * interceptor is called from Parley's blocking executor, one stanza at a time per session and in
 * order, so it may block; every blocking call delays that session's stanzas. An exception drops
 * the stanza and is logged.
 */
public interface StanzaInterceptor {
  /**
   * @param stanza what the session sent, with {@code from} stamped
   * @param session the sending session's full JID
   */
  default Stanza inbound(Stanza stanza, Jid session) {
    return stanza;
  }

  /**
   * @param stanza what is about to be written
   * @param session the receiving session's full JID
   */
  default Stanza outbound(Stanza stanza, Jid session) {
    return stanza;
  }
}
