package io.parley.spi.auth;

import java.util.Objects;

/**
 * What a server keeps to verify one SCRAM mechanism (RFC 5802 §3): the salt, the iteration count,
 * StoredKey and ServerKey. The password itself cannot be recovered from it.
 *
 * @param algorithm the hash the keys were derived with
 * @param salt the salt, raw bytes
 * @param iterations the PBKDF2 iteration count, at least 4096 (RFC 7677 §4)
 * @param storedKey H(ClientKey)
 * @param serverKey HMAC(SaltedPassword, "Server Key")
 */
public record ScramCredential(
    ScramAlgorithm algorithm, byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
  public ScramCredential {
    Objects.requireNonNull(algorithm, "algorithm");
    salt = salt.clone();
    storedKey = storedKey.clone();
    serverKey = serverKey.clone();
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] storedKey() {
    return storedKey.clone();
  }

  @Override
  public byte[] serverKey() {
    return serverKey.clone();
  }
}
