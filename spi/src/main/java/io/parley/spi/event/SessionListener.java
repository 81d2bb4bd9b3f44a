package io.parley.spi.event;

/**
 * Hears client sessions start (after resource binding) and end (for any reason: a clean close, a
 * stream error, a dropped connection, server shutdown).
 *
 * <p>Called from Parley's blocking executor, never from a network thread, so it may block. Events
 * for one session arrive in order (started before ended); events of different sessions may arrive
 * concurrently. An exception is logged and ignored.
 */
public interface SessionListener {
  default void sessionStarted(SessionEvent event) {}

  default void sessionEnded(SessionEvent event) {}
}
