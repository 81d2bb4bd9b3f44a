package io.parley.spi.auth;

import java.util.Optional;

/**
 * The accounts Parley may authenticate, and their salted SCRAM credentials.
 *
 * <p>Parley calls it from its blocking executor, never from a network thread, so an implementation
 * may block (a database, a directory); unless it is also a
 * {@link io.parley.spi.storage.NonBlockingStore}, whose lookups Parley may make on a network
 * thread. It must be thread-safe. A thrown exception fails the one
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

  /**
   * Creates an account (XEP-0077 in-band registration). Stores that cannot create accounts keep
   * this default, and registration then answers {@code not-allowed}.
   *
   * @return false if the username is taken
   * @throws UnsupportedOperationException if this store cannot create accounts
   */
  default boolean create(String username, String password) {
    throw new UnsupportedOperationException("this store cannot create accounts");
  }

  /**
   * Changes an existing account's password (XEP-0077 §3.3).
   *
   * @throws UnsupportedOperationException if this store cannot change passwords
   */
  default void changePassword(String username, String password) {
    throw new UnsupportedOperationException("this store cannot change passwords");
  }

  /**
   * Deletes an account (XEP-0077 §3.2).
   *
   * @throws UnsupportedOperationException if this store cannot delete accounts
   */
  default void delete(String username) {
    throw new UnsupportedOperationException("this store cannot delete accounts");
  }
}
