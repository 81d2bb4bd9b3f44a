package io.parley.spi.event;

/**
 * Hears every change of a client resource's broadcast presence (RFC 6121 §4.2–§4.5).
 *
 * <p>Called from Parley's blocking executor, in order per resource; may block. An exception is
 * logged and ignored.
 */
@FunctionalInterface
public interface PresenceListener {
  void presenceChanged(PresenceEvent event);
}
