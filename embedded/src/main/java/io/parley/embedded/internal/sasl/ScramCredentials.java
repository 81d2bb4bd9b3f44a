package io.parley.embedded.internal.sasl;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * Derives the SCRAM keys a server keeps (RFC 5802 §3) from a password, for credential stores and
 * for checking PLAIN logins against them. Stateless and thread-safe; CPU-bound (PBKDF2), so call it
 * off the event loop.
 */
public final class ScramCredentials {
  /** The iteration count for new credentials: the minimum RFC 7677 §4 recommends. */
  public static final int DEFAULT_ITERATIONS = 4096;

  private ScramCredentials() {}

  /**
   * Derives the credential for one algorithm.
   *
   * @param password the password as the user types it; it is prepared with PRECIS OpaqueString
   *     (RFC 8265 §4.2), as XMPP clients do before hashing
   * @throws IllegalArgumentException if the password is empty or not valid under OpaqueString
   */
  public static ScramCredential derive(
      String password, ScramAlgorithm algorithm, byte[] salt, int iterations) {
    byte[] salted = saltedPassword(preparePassword(password), algorithm, salt, iterations);
    try {
      return fromSaltedPassword(algorithm, salt, iterations, salted);
    } finally {
      Arrays.fill(salted, (byte) 0);
    }
  }

  /** Applies PRECIS OpaqueString; throws IllegalArgumentException if the password is invalid. */
  static String preparePassword(String password) {
    return PrecisProfiles.OPAQUE_STRING.enforce(password);
  }

  static ScramCredential fromSaltedPassword(
      ScramAlgorithm algorithm, byte[] salt, int iterations, byte[] saltedPassword) {
    ScramMechanism mechanism = mechanism(algorithm);
    byte[] clientKey = ScramFunctions.clientKey(mechanism, saltedPassword);
    return new ScramCredential(algorithm, salt, iterations,
        ScramFunctions.storedKey(mechanism, clientKey),
        ScramFunctions.serverKey(mechanism, saltedPassword));
  }

  /**
   * Hi(password, salt, i) of RFC 5802 §2.2, i.e. PBKDF2 with one output block. Done here rather
   * than by scram-common because its preparations either reject non-ASCII passwords or apply
   * SASLprep (NFKC), while XMPP prepares passwords with OpaqueString (NFC).
   */
  static byte[] saltedPassword(
      String preparedPassword, ScramAlgorithm algorithm, byte[] salt, int iterations) {
    try {
      Mac mac = Mac.getInstance(hmacName(algorithm));
      byte[] key = preparedPassword.getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
      mac.update(salt);
      byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1}); // INT(1): the first and only block
      byte[] result = u.clone();
      for (int i = 1; i < iterations; i++) {
        u = mac.doFinal(u);
        for (int j = 0; j < result.length; j++) {
          result[j] ^= u[j];
        }
      }
      return result;
    } catch (GeneralSecurityException e) {
      // Both HMACs are mandatory in every Java SE implementation.
      throw new IllegalStateException(e);
    }
  }

  static ScramMechanism mechanism(ScramAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA_1 -> ScramMechanism.SCRAM_SHA_1;
      case SHA_256 -> ScramMechanism.SCRAM_SHA_256;
    };
  }

  static String hmacName(ScramAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA_1 -> "HmacSHA1";
      case SHA_256 -> "HmacSHA256";
    };
  }
}
