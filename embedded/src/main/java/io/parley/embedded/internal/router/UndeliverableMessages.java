package io.parley.embedded.internal.router;

import io.parley.spi.stanza.Message;

/**
 * Takes messages for a local account with no available resource (RFC 6121 §8.5.2.2): the
 * offline-storage feature stores them, or answers with the error the RFC gives. Without it the
 * router answers {@code service-unavailable}. Called on the router's thread; must not block.
 */
public interface UndeliverableMessages {
  /** @param message a normal or chat message addressed to the account's bare JID */
  void handle(Message message);
}
