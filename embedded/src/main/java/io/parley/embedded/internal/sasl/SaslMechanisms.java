package io.parley.embedded.internal.sasl;

import io.parley.spi.auth.Authenticator;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SASL mechanisms Parley offers: SCRAM-SHA-256, SCRAM-SHA-1 (RFC 5802, RFC 7677) and PLAIN
 * (RFC 4616), in that order of preference. PLAIN is offered only on encrypted streams.
 *
 * <p>Immutable and thread-safe; one instance serves all streams. The exchanges it starts are not
 * thread-safe and their steps may block (credential store, host authenticator, PBKDF2).
 */
public final class SaslMechanisms {
  static final String PLAIN = "PLAIN";
  private static final int SALT_BYTES = 16;
  /** 144 bits, which base64 writes as 24 characters. */
  private static final int NONCE_BYTES = 18;
  private static final List<String> INSECURE =
      List.of(ScramAlgorithm.SHA_256.mechanism(), ScramAlgorithm.SHA_1.mechanism());
  private static final List<String> SECURE =
      List.of(ScramAlgorithm.SHA_256.mechanism(), ScramAlgorithm.SHA_1.mechanism(), PLAIN);

  private final CredentialStore store;
  private final Authenticator authenticator;
  private final SaslIdentities identities;
  private final Supplier<String> serverNonces;
  private final byte[] fakeSaltKey;

  /**
   * @param domain the server's domain, for checking authorization identities
   * @param authenticator the host's PLAIN authenticator, or null to check PLAIN against the store
   */
  public SaslMechanisms(String domain, CredentialStore store, Authenticator authenticator,
      SecureRandom random) {
    this(domain, store, authenticator, random, () -> nonce(random));
  }

  /** For tests that replay the RFC examples: {@code serverNonces} supplies the s-nonce part. */
  SaslMechanisms(String domain, CredentialStore store, Authenticator authenticator,
      SecureRandom random, Supplier<String> serverNonces) {
    this.store = Objects.requireNonNull(store, "store");
    this.authenticator = authenticator;
    this.identities = new SaslIdentities(domain);
    this.serverNonces = serverNonces;
    this.fakeSaltKey = new byte[32];
    random.nextBytes(fakeSaltKey);
  }

  /**
   * An s-nonce: RFC 5802 §5.1 wants printable characters other than ',', and base64's alphabet
   * is such. One draw from the generator: the SCRAM library's {@code nonce()} draws once per
   * character, and each draw of a DRBG hashes its state again (about 2 % of a login's server CPU).
   */
  private static String nonce(SecureRandom random) {
    byte[] bytes = new byte[NONCE_BYTES];
    random.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The mechanism names to advertise, in preference order. */
  public List<String> offered(boolean secure) {
    // RFC 6120 §13.9.4: PLAIN sends the password itself, so only inside TLS.
    return secure ? SECURE : INSECURE;
  }

  /** Starts an exchange, or returns null if {@code mechanism} is not offered on such a stream. */
  public SaslServerMechanism start(String mechanism, boolean secure) {
    if (mechanism == null || !offered(secure).contains(mechanism)) {
      return null;
    }
    if (mechanism.equals(PLAIN)) {
      return new PlainServerMechanism(store, authenticator, identities,
          user -> fakeCredential(ScramAlgorithm.SHA_256, user));
    }
    ScramAlgorithm algorithm = mechanism.equals(ScramAlgorithm.SHA_256.mechanism())
        ? ScramAlgorithm.SHA_256
        : ScramAlgorithm.SHA_1;
    return new ScramServerMechanism(algorithm, store, identities, serverNonces,
        user -> fakeCredential(algorithm, user));
  }

  /**
   * A stand-in credential for a user the store does not know. Its salt is an HMAC of the username
   * under a key random per instance, so repeated probes see the same salt, as for a real account,
   * and the keys match no password.
   */
  ScramCredential fakeCredential(ScramAlgorithm algorithm, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(fakeSaltKey, mac.getAlgorithm()));
      byte[] digest = mac.doFinal(
          (algorithm.mechanism() + '\0' + username).getBytes(StandardCharsets.UTF_8));
      byte[] salt = Arrays.copyOf(digest, SALT_BYTES);
      int keyLength = algorithm == ScramAlgorithm.SHA_1 ? 20 : 32;
      byte[] storedKey = mac.doFinal(digest);
      return new ScramCredential(algorithm, salt, ScramCredentials.DEFAULT_ITERATIONS,
          Arrays.copyOf(storedKey, keyLength), Arrays.copyOf(mac.doFinal(storedKey), keyLength));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e); // HmacSHA256 is mandatory in Java SE
    }
  }
}
