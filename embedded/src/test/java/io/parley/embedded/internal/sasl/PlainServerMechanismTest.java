package io.parley.embedded.internal.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.spi.auth.Authenticator;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainServerMechanismTest {
  private static final String DOMAIN = "example.test";
  private final InMemoryCredentialStore store =
      new InMemoryCredentialStore().addUser("juliet", "r0m30 & ümlaut");

  private SaslStep plain(CredentialStore store, Authenticator authenticator, String message) {
    SaslServerMechanism plain = new SaslMechanisms(DOMAIN, store, authenticator, new SecureRandom())
        .start("PLAIN", true);
    assertEquals("PLAIN", plain.name());
    return plain.evaluate(message.getBytes(StandardCharsets.UTF_8));
  }

  private SaslStep plain(String message) {
    return plain(store, null, message);
  }

  private static void assertFailure(SaslFailure expected, SaslStep step) {
    assertEquals(expected, assertInstanceOf(SaslStep.Failure.class, step).condition());
  }

  @Test
  void correctPasswordSucceedsAgainstStoredScramKeys() {
    SaslStep.Success ok = assertInstanceOf(SaslStep.Success.class,
        plain("\0Juliet\0r0m30 & ümlaut"));
    assertEquals("juliet", ok.username());
    assertNull(ok.additionalData());
  }

  @Test
  void sha1CredentialIsUsedWhenNoSha256IsStored() {
    CredentialStore sha1Only = new CredentialStore() {
      @Override
      public boolean exists(String username) {
        return true;
      }

      @Override
      public Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm) {
        return algorithm == ScramAlgorithm.SHA_1 ? store.scramCredential(username, algorithm)
            : Optional.empty();
      }
    };
    assertInstanceOf(SaslStep.Success.class, plain(sha1Only, null, "\0juliet\0r0m30 & ümlaut"));
  }

  @Test
  void passwordIsPreparedWithOpaqueString() {
    // U+3000 (ideographic space) maps to an ASCII space; "u" + combining diaeresis composes (NFC).
    assertInstanceOf(SaslStep.Success.class, plain("\0juliet\0r0m30\u3000& u\u0308mlaut"));
  }

  @Test
  void wrongPasswordIsNotAuthorized() {
    assertFailure(SaslFailure.NOT_AUTHORIZED, plain("\0juliet\0romeo"));
  }

  @Test
  void unknownUserIsNotAuthorized() {
    assertFailure(SaslFailure.NOT_AUTHORIZED, plain("\0romeo\0r0m30 & ümlaut"));
  }

  @Test
  void ownBareJidAsAuthzidIsAccepted() {
    assertInstanceOf(SaslStep.Success.class, plain("juliet@example.test\0juliet\0r0m30 & ümlaut"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"romeo@example.test", "juliet@example.test/balcony", "example.test",
      "juliet@other.test", "not a jid@@"})
  void foreignAuthzidIsInvalid(String authzid) {
    assertFailure(SaslFailure.INVALID_AUTHZID, plain(authzid + "\0juliet\0r0m30 & ümlaut"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "juliet", "\0juliet", "\0\0secret", "\0juliet\0", "\0ju\0li\0et"})
  void malformedMessageIsRejected(String message) {
    assertFailure(SaslFailure.MALFORMED_REQUEST, plain(message));
  }

  @Test
  void usernameThatIsNoLocalpartIsNotAuthorized() {
    assertFailure(SaslFailure.NOT_AUTHORIZED, plain("\0ju/liet\0secret"));
  }

  @Test
  void missingInitialResponseGetsEmptyChallenge() {
    SaslServerMechanism plain = new SaslMechanisms(DOMAIN, store, null, new SecureRandom())
        .start("PLAIN", true);
    SaslStep.Challenge challenge = assertInstanceOf(SaslStep.Challenge.class, plain.evaluate(null));
    assertArrayEquals(new byte[0], challenge.data());
    assertInstanceOf(SaslStep.Success.class,
        plain.evaluate("\0juliet\0r0m30 & ümlaut".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void hostAuthenticatorDecidesWithPreparedCredentials() {
    AtomicReference<String> seen = new AtomicReference<>();
    Authenticator host = (user, secret) -> {
      seen.set(user + ":" + secret);
      return secret.equals("token-1");
    };
    assertEquals("romeo", assertInstanceOf(SaslStep.Success.class,
        plain(store, host, "\0Romeo\0token-1")).username());
    assertEquals("romeo:token-1", seen.get());
    assertFailure(SaslFailure.NOT_AUTHORIZED, plain(store, host, "\0juliet\0r0m30 & ümlaut"));
  }

  @Test
  void authenticatorExceptionIsTemporaryFailure() {
    Authenticator broken = (user, secret) -> {
      throw new IllegalStateException("directory unreachable");
    };
    assertFailure(SaslFailure.TEMPORARY_AUTH_FAILURE, plain(store, broken, "\0juliet\0x"));
  }

  @Test
  void storeExceptionIsTemporaryFailure() {
    CredentialStore broken = new CredentialStore() {
      @Override
      public boolean exists(String username) {
        throw new IllegalStateException("database down");
      }

      @Override
      public Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm) {
        throw new IllegalStateException("database down");
      }
    };
    assertFailure(SaslFailure.TEMPORARY_AUTH_FAILURE, plain(broken, null, "\0juliet\0x"));
  }

  @Test
  void plainIsOfferedOnlyOnSecureStreams() {
    SaslMechanisms mechanisms = new SaslMechanisms(DOMAIN, store, null, new SecureRandom());
    assertEquals(List.of("SCRAM-SHA-256", "SCRAM-SHA-1"), mechanisms.offered(false));
    assertEquals(List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"), mechanisms.offered(true));
    assertNull(mechanisms.start("PLAIN", false));
    assertNull(mechanisms.start("SCRAM-SHA-1-PLUS", true));
    assertNull(mechanisms.start("DIGEST-MD5", true));
    assertTrue(mechanisms.start("SCRAM-SHA-1", false) instanceof ScramServerMechanism);
    assertFalse(mechanisms.start("PLAIN", true) instanceof ScramServerMechanism);
  }
}
