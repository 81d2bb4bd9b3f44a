package io.parley.embedded.internal.session;

import io.parley.spi.stanza.Presence;

/**
 * Internal listeners for sessions binding and ending (features such as presence use it to send
 * unavailable for a dropped connection). Called on the session's own thread; must not block.
 */
public interface SessionLifecycle {
  default void bound(Session session) {}

  /** The session sent initial presence (RFC 6121 §4.2): offline messages may now flow to it. */
  default void initialPresence(Session session) {}

  /**
   * The session's broadcast presence changed (RFC 6121 §4.2, §4.4, §4.5); for example, its
   * XEP-0115 capabilities. Called on the sender's thread; must not block.
   */
  default void presenceChanged(Session session, Presence presence) {}

  default void ended(Session session) {}
}
