package io.parley.spi.stanza;

/** Thrown when a string is not a valid JID (RFC 7622); maps to the {@code jid-malformed} error. */
public final class InvalidJidException extends IllegalArgumentException {
  public InvalidJidException(String message) {
    super(message);
  }
}
