package io.parley.embedded.internal.router;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;

/**
 * Where the router hands messages for users' archives (XEP-0313): the message archive feature
 * implements it. Called on the router's thread, before delivery; must not block (appends are
 * queued, not done).
 */
public interface MessageArchiving {
  /**
   * A message a local session sent, before it is routed.
   *
   * @param sender the sending session's full JID
   * @param deliverable whether the router can deliver it (its domain is ours or a local
   *     service's); a message the router will bounce is not archived
   * @return the message to route (for example without stanza IDs the client may not claim)
   */
  Message sent(Message message, Jid sender, boolean deliverable);

  /**
   * A message about to be delivered to a local account (its {@code to} is a JID of this domain
   * with a localpart), whoever sent it.
   *
   * @return the message to deliver, for example with the archive's stanza ID added
   */
  Message received(Message message);
}
