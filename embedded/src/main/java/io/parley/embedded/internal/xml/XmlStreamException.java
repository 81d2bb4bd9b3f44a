package io.parley.embedded.internal.xml;

/** Input that must end the stream with the given stream error (RFC 6120 §4.9). */
public final class XmlStreamException extends Exception {
  private final StreamErrorCondition condition;

  public XmlStreamException(StreamErrorCondition condition, String message) {
    super(message, null, false, false);
    this.condition = condition;
  }

  public StreamErrorCondition condition() {
    return condition;
  }
}
