package io.parley.embedded.internal.session;

/**
 * Internal listeners for sessions binding and ending (features such as presence use it to send
 * unavailable for a dropped connection). Called on the session's own thread; must not block.
 */
public interface SessionLifecycle {
  default void bound(Session session) {}

  default void ended(Session session) {}
}
