package io.parley.embedded.internal.storage.jdbc;

import io.parley.embedded.internal.sasl.ScramCredentials;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import io.parley.spi.stanza.Jid;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts with their salted SCRAM keys (never the password), one row per account and one per
 * hash. Registration (XEP-0077) creates, changes and deletes accounts here.
 */
final class JdbcCredentialStore implements CredentialStore {
  private static final int SALT_BYTES = 16;
  private static final String PREPARATION_DOMAIN = "localhost";

  private final Jdbc jdbc;
  private final SecureRandom random = new SecureRandom();

  JdbcCredentialStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean exists(String username) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT 1 FROM parley_account WHERE username = ?")) {
        s.setString(1, username);
        try (ResultSet r = s.executeQuery()) {
          return r.next();
        }
      }
    });
  }

  @Override
  public Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT salt, iterations, stored_key,"
          + " server_key FROM parley_scram_credential WHERE username = ? AND algorithm = ?")) {
        s.setString(1, username);
        s.setString(2, algorithm.name());
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          return Optional.of(new ScramCredential(algorithm, r.getBytes(1), r.getInt(2),
              r.getBytes(3), r.getBytes(4)));
        }
      }
    });
  }

  @Override
  public boolean create(String username, String password) {
    String user = prepare(username);
    // Derived before the transaction: PBKDF2 takes milliseconds, no lock should wait for it.
    Map<ScramAlgorithm, ScramCredential> credentials = derive(password);
    return jdbc.transaction(c -> {
      if (jdbc.insertIgnoring(c, "parley_account", new String[] {"username"}, new String[0],
          user) == 0) {
        return false;
      }
      insertCredentials(c, user, credentials);
      return true;
    });
  }

  /** Adds or replaces an account (for hosts and tools that set accounts up). */
  void put(String username, String password) {
    String user = prepare(username);
    Map<ScramAlgorithm, ScramCredential> credentials = derive(password);
    jdbc.transaction(c -> {
      jdbc.insertIgnoring(c, "parley_account", new String[] {"username"}, new String[0], user);
      replaceCredentials(c, user, credentials);
      return null;
    });
  }

  @Override
  public void changePassword(String username, String password) {
    String user = prepare(username);
    Map<ScramAlgorithm, ScramCredential> credentials = derive(password);
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT username FROM parley_account WHERE username = ? FOR UPDATE")) {
        s.setString(1, user);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            throw new IllegalArgumentException("no such account: " + username);
          }
        }
      }
      replaceCredentials(c, user, credentials);
      return null;
    });
  }

  @Override
  public void delete(String username) {
    String user = prepare(username);
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_scram_credential WHERE username = ?")) {
        s.setString(1, user);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_account WHERE username = ?")) {
        s.setString(1, user);
        s.executeUpdate();
      }
      return null;
    });
  }

  private void replaceCredentials(Connection c, String user,
      Map<ScramAlgorithm, ScramCredential> credentials) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "DELETE FROM parley_scram_credential WHERE username = ?")) {
      s.setString(1, user);
      s.executeUpdate();
    }
    insertCredentials(c, user, credentials);
  }

  private static void insertCredentials(Connection c, String user,
      Map<ScramAlgorithm, ScramCredential> credentials) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO parley_scram_credential"
        + " (username, algorithm, salt, iterations, stored_key, server_key)"
        + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (ScramCredential credential : credentials.values()) {
        s.setString(1, user);
        s.setString(2, credential.algorithm().name());
        s.setBytes(3, credential.salt());
        s.setInt(4, credential.iterations());
        s.setBytes(5, credential.storedKey());
        s.setBytes(6, credential.serverKey());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private Map<ScramAlgorithm, ScramCredential> derive(String password) {
    Map<ScramAlgorithm, ScramCredential> credentials = new EnumMap<>(ScramAlgorithm.class);
    for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
      byte[] salt = new byte[SALT_BYTES];
      random.nextBytes(salt);
      credentials.put(algorithm, ScramCredentials.derive(
          password, algorithm, salt, ScramCredentials.DEFAULT_ITERATIONS));
    }
    return credentials;
  }

  private static String prepare(String username) {
    // InvalidJidException is an IllegalArgumentException.
    return Jid.of(username, PREPARATION_DOMAIN, null).local();
  }
}
