package io.parley.spi.auth;

/**
 * Checks a username and a secret presented with SASL PLAIN, for hosts that authenticate with
 * something other than a stored password (a web app's short-lived token, a directory bind).
 *
 * <p>When a host sets one, Parley asks it for every PLAIN login; SCRAM logins still use the
 * {@link CredentialStore}. Called from Parley's blocking executor: may block, must be thread-safe.
 * Returning false fails the login with {@code not-authorized}; throwing fails it with
 * {@code temporary-auth-failure} (RFC 6120 §6.5.12).
 */
@FunctionalInterface
public interface Authenticator {
  /**
   * @param username the prepared username (no domain)
   * @param secret the secret as sent, after PRECIS OpaqueString preparation
   */
  boolean authenticate(String username, String secret);
}
