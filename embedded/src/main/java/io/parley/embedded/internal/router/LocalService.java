package io.parley.embedded.internal.router;

import io.parley.spi.stanza.Stanza;

/**
 * A service of this server at its own domain, such as {@code pubsub.<domain>} or
 * {@code conference.<domain>} (XEP-0060, XEP-0045): the router hands it every stanza addressed
 * to that domain or to any JID at it, and lists it in the server's disco#items. Bound with
 * {@code @Binds @IntoSet}; the service sends through {@link Router#routeFromServer}.
 */
public interface LocalService {
  /** The service's domain, e.g. {@code conference.example.com}. */
  String domain();

  /** The name shown in the server's disco#items, or null for none. */
  String name();

  /**
   * A stanza addressed to the service or to a JID at its domain, {@code from} already stamped.
   * Runs on the sender's thread: must not block.
   */
  void receive(Stanza stanza);
}
