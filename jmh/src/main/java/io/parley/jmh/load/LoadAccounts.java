package io.parley.jmh.load;

import io.parley.embedded.internal.sasl.ScramCredentials;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import io.parley.spi.storage.NonBlockingStore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts {@code user0 … user<n-1>}, all with {@link #PASSWORD}, provisioned without storing
 * anything per account: one SCRAM credential per hash, derived once at start-up. A login still
 * costs the server its full SCRAM exchange; only account creation is skipped. Lookups compute,
 * never wait, as an in-memory store's: the server may make them on its event loop.
 */
final class LoadAccounts implements CredentialStore, NonBlockingStore {
  static final String PASSWORD = "load-password";
  private static final byte[] SALT = "parley-load-salt".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);

  private final int count;
  private final Map<ScramAlgorithm, ScramCredential> credentials =
      new EnumMap<>(ScramAlgorithm.class);

  LoadAccounts(int count) {
    this.count = count;
    for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
      credentials.put(algorithm, ScramCredentials.derive(PASSWORD, algorithm, SALT,
          ScramCredentials.DEFAULT_ITERATIONS));
    }
  }

  static String username(int i) {
    return "user" + i;
  }

  @Override
  public boolean exists(String username) {
    if (!username.startsWith("user") || username.length() < 5 || username.length() > 14) {
      return false;
    }
    for (int i = 4; i < username.length(); i++) {
      if (username.charAt(i) < '0' || username.charAt(i) > '9') {
        return false;
      }
    }
    return Long.parseLong(username.substring(4)) < count;
  }

  @Override
  public Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm) {
    return exists(username) ? Optional.of(credentials.get(algorithm)) : Optional.empty();
  }
}
