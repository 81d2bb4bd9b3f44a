package io.parley.spi.stanza;

/**
 * A stanza that cannot be read; {@link #condition()} says which stanza error answers it.
 * {@link #element()} is the offending element.
 */
public final class StanzaFormatException extends RuntimeException {
  private final StanzaError.Condition condition;
  private final transient Element element;

  public StanzaFormatException(StanzaError.Condition condition, String message, Element element) {
    super(message, null, false, false);
    this.condition = condition;
    this.element = element;
  }

  public StanzaError.Condition condition() {
    return condition;
  }

  /** The offending element. */
  public Element element() {
    return element;
  }
}
