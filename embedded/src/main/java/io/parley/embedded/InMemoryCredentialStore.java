package io.parley.embedded;

import io.parley.embedded.internal.sasl.ScramCredentials;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.NonBlockingStore;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link CredentialStore}: accounts held in memory, with only salted SCRAM keys kept
 * (never the password). Thread-safe.
 *
 * <p>{@link #addUser} runs PBKDF2 twice (about a few milliseconds each), so call it while
 * configuring, or off the event loop. Lookups never block: a login's SCRAM exchange reads its
 * credential on the event loop.
 */
public final class InMemoryCredentialStore implements CredentialStore, NonBlockingStore {
  private static final int SALT_BYTES = 16;
  // Any domain will do: only the localpart rules matter here.
  private static final String PREPARATION_DOMAIN = "localhost";

  private final Map<String, Map<ScramAlgorithm, ScramCredential>> accounts =
      new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public InMemoryCredentialStore() {}

  /**
   * Adds or replaces an account; the username is prepared (RFC 7622 localpart rules).
   *
   * @throws IllegalArgumentException if the username is not a valid localpart or the password is
   *     empty or invalid under PRECIS OpaqueString
   */
  public InMemoryCredentialStore addUser(String username, String password) {
    // Replaced as a whole, so readers never see one hash updated and the other not.
    accounts.put(prepare(username), derive(password));
    return this;
  }

  @Override
  public boolean create(String username, String password) {
    return accounts.putIfAbsent(prepare(username), derive(password)) == null;
  }

  @Override
  public void changePassword(String username, String password) {
    Map<ScramAlgorithm, ScramCredential> credentials = derive(password);
    if (accounts.computeIfPresent(prepare(username), (u, old) -> credentials) == null) {
      throw new IllegalArgumentException("no such account: " + username);
    }
  }

  @Override
  public void delete(String username) {
    accounts.remove(prepare(username));
  }

  private Map<ScramAlgorithm, ScramCredential> derive(String password) {
    Map<ScramAlgorithm, ScramCredential> credentials = new EnumMap<>(ScramAlgorithm.class);
    for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
      byte[] salt = new byte[SALT_BYTES];
      random.nextBytes(salt);
      credentials.put(algorithm, ScramCredentials.derive(
          password, algorithm, salt, ScramCredentials.DEFAULT_ITERATIONS));
    }
    return Map.copyOf(credentials);
  }

  /** Removes an account; returns whether it existed. */
  public boolean removeUser(String username) {
    return accounts.remove(prepare(username)) != null;
  }

  @Override
  public boolean exists(String username) {
    return accounts.containsKey(username);
  }

  @Override
  public Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm) {
    Map<ScramAlgorithm, ScramCredential> credentials = accounts.get(username);
    return credentials == null ? Optional.empty() : Optional.ofNullable(credentials.get(algorithm));
  }

  private static String prepare(String username) {
    // InvalidJidException is an IllegalArgumentException.
    return Jid.of(username, PREPARATION_DOMAIN, null).local();
  }
}
