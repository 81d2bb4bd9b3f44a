package io.parley.embedded;

import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import java.util.Optional;

/**
 * The default {@link CredentialStore}: accounts held in memory, with only salted SCRAM keys kept
 * (never the password). Thread-safe.
 */
public final class InMemoryCredentialStore implements CredentialStore {
  public InMemoryCredentialStore() {
    throw new UnsupportedOperationException("TODO");
  }

  /** Adds or replaces an account; the username is prepared (RFC 7622 localpart rules). */
  public InMemoryCredentialStore addUser(String username, String password) {
    throw new UnsupportedOperationException("TODO");
  }

  public boolean removeUser(String username) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public boolean exists(String username) {
    throw new UnsupportedOperationException("TODO");
  }

  @Override
  public Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm) {
    throw new UnsupportedOperationException("TODO");
  }
}
