package io.parley.embedded.internal.sasl;

/** What the server answers to one client message of a SASL exchange. */
public sealed interface SaslStep {
  /** {@code <challenge/>} with these bytes (possibly empty). */
  record Challenge(byte[] data) implements SaslStep {}

  /**
   * {@code <success/>}: the user authenticated.
   *
   * @param username the prepared localpart the session will bind under
   * @param additionalData bytes for the success element (SCRAM's server-final), or null
   */
  record Success(String username, byte[] additionalData) implements SaslStep {}

  /** {@code <failure/>} with this condition. */
  record Failure(SaslFailure condition, String text) implements SaslStep {}
}
