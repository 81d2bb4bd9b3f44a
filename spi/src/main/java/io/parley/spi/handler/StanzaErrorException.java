package io.parley.spi.handler;

import io.parley.spi.stanza.StanzaError;
import java.util.Objects;

/** Thrown (or completed exceptionally) by a handler to answer with a specific stanza error. */
public final class StanzaErrorException extends RuntimeException {
  private final transient StanzaError error;

  public StanzaErrorException(StanzaError error) {
    super(error.condition().wireName() + (error.text() == null ? "" : ": " + error.text()), null,
        false, false);
    this.error = Objects.requireNonNull(error);
  }

  public StanzaErrorException(StanzaError.Condition condition) {
    this(StanzaError.of(condition));
  }

  public StanzaError error() {
    return error;
  }
}
