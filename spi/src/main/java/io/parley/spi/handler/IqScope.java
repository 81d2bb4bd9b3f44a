package io.parley.spi.handler;

/** Which addressee an {@link IqHandler} answers for. */
public enum IqScope {
  /** The server itself: {@code to} is the domain. */
  SERVER,
  /**
   * An account, answered by the server on the user's behalf: {@code to} is a bare JID of the
   * domain, or absent (RFC 6120 §10.3.3: the sender's own account).
   */
  ACCOUNT
}
