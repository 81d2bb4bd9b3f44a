package io.parley.embedded;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;

/**
 * A client session of host code, without a socket: stanzas it sends are routed exactly like those
 * of network clients, and stanzas addressed to it reach the receiver given at opening.
 *
 * <p>The receiver is called from Parley's blocking executor, one stanza at a time and in order.
 * Thread-safe.
 */
public interface InProcessSession extends AutoCloseable {
  /** The session's full JID. */
  Jid jid();

  /**
   * Sends a stanza as this session. The server stamps {@code from}.
   *
   * @throws IllegalArgumentException if {@code from} is set to another entity's address
   * @throws IllegalStateException once the session is closed
   */
  void send(Stanza stanza);

  /** Whether the session is still bound. */
  boolean isOpen();

  /**
   * Ends the session, from any thread: the receiver gets nothing after the stanza it may be
   * handling, and stanzas it had not received are handled as undeliverable, on the session's
   * executor once that call returns. Idempotent.
   */
  @Override
  void close();
}
