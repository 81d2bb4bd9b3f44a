package io.parley.spi.auth;

import java.util.Optional;

/**
 * The accounts Parley may authenticate, and their salted SCRAM credentials.
 *
 * <p>Parley calls it from its blocking executor, never from a network thread, so an implementation
 * may block (a database, a directory). It must be thread-safe. A thrown exception fails the one
 * operation that needed it (the login gets {@code temporary-auth-failure}), never the server.
 *
 * <p>Usernames are already prepared (PRECIS UsernameCaseMapped, RFC 7622 §3.3): compare them as
 * they are.
 */
public interface CredentialStore {
  /** Whether an account with this username exists. */
  boolean exists(String username);

  /**
   * The credential for one SCRAM hash, or empty if the user does not exist or has none for that
   * hash (then the login fails as if the password were wrong).
   */
  Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm);
}
