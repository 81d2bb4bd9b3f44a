package io.parley.embedded.internal.session;

/**
 * Internal listeners for sessions binding and ending (features such as presence use it to send
 * unavailable for a dropped connection). Called on the session's own thread; must not block.
 */
public interface SessionLifecycle {
  default void bound(Session session) {}

  /** The session sent initial presence (RFC 6121 §4.2): offline messages may now flow to it. */
  default void initialPresence(Session session) {}

  default void ended(Session session) {}
}
