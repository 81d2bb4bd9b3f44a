package io.parley.embedded.internal.sasl;

/**
 * The server side of one SASL exchange (RFC 6120 §6.4). Not thread-safe; its steps are called one
 * at a time, off the event loop unless {@link #nextStepBlocks()} says the next one never blocks.
 */
public interface SaslServerMechanism {
  /** The mechanism name, e.g. {@code SCRAM-SHA-1}. */
  String name();

  /**
   * Evaluates the client's next message.
   *
   * @param response the decoded bytes of {@code <auth/>} or {@code <response/>}; null when the
   *     {@code <auth/>} carried no initial response (then an empty challenge is expected)
   */
  SaslStep evaluate(byte[] response);

  /**
   * Whether the next {@link #evaluate} may block or take long (credential store, host
   * authenticator, PBKDF2). When false it is a few microseconds of computation on what an
   * earlier step fetched, cheaper to run on the event loop than to hand to the blocking pool and
   * back.
   */
  default boolean nextStepBlocks() {
    return true;
  }
}
