package io.parley.embedded.internal.sasl;

import io.parley.spi.auth.Authenticator;
import io.parley.spi.auth.CredentialStore;
import java.security.SecureRandom;
import java.util.List;

/**
 * The SASL mechanisms Parley offers: SCRAM-SHA-256, SCRAM-SHA-1 (RFC 5802, RFC 7677) and PLAIN
 * (RFC 4616), in that order of preference. PLAIN is offered only on encrypted streams.
 */
public final class SaslMechanisms {
  /**
   * @param domain the server's domain, for checking authorization identities
   * @param authenticator the host's PLAIN authenticator, or null to check PLAIN against the store
   */
  public SaslMechanisms(String domain, CredentialStore store, Authenticator authenticator,
      SecureRandom random) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The mechanism names to advertise, in preference order. */
  public List<String> offered(boolean secure) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Starts an exchange, or returns null if {@code mechanism} is not offered on such a stream. */
  public SaslServerMechanism start(String mechanism, boolean secure) {
    throw new UnsupportedOperationException("TODO");
  }
}
