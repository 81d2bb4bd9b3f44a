package io.parley.embedded.internal.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import io.parley.spi.storage.NonBlockingStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScramServerMechanismTest {
  private static final String DOMAIN = "example.test";
  private static final byte[] RFC_SALT = Base64.getDecoder().decode("QSXCR+Q6sek8bf92");
  private static final byte[] RFC7677_SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");

  /** A store holding "user"/"pencil" with the salts of the RFC examples. */
  private static final CredentialStore RFC_STORE = new CredentialStore() {
    private final Map<ScramAlgorithm, ScramCredential> creds = Map.of(
        ScramAlgorithm.SHA_1, ScramCredentials.derive("pencil", ScramAlgorithm.SHA_1, RFC_SALT, 4096),
        ScramAlgorithm.SHA_256,
        ScramCredentials.derive("pencil", ScramAlgorithm.SHA_256, RFC7677_SALT, 4096));

    @Override
    public boolean exists(String username) {
      return username.equals("user");
    }

    @Override
    public Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm) {
      return exists(username) ? Optional.of(creds.get(algorithm)) : Optional.empty();
    }
  };

  private static SaslServerMechanism start(String mechanism, String serverNonce) {
    return start(RFC_STORE, mechanism, serverNonce);
  }

  private static SaslServerMechanism start(CredentialStore store, String mechanism,
      String serverNonce) {
    return new SaslMechanisms(DOMAIN, store, null, new SecureRandom(), () -> serverNonce)
        .start(mechanism, false);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(SaslStep step) {
    if (step instanceof SaslStep.Challenge c) {
      return new String(c.data(), StandardCharsets.UTF_8);
    }
    SaslStep.Success s = assertInstanceOf(SaslStep.Success.class, step);
    return new String(s.additionalData(), StandardCharsets.UTF_8);
  }

  private static void assertFailure(SaslFailure expected, SaslStep step) {
    assertEquals(expected, assertInstanceOf(SaslStep.Failure.class, step).condition());
  }

  /** What a client sends as client-final for this password, given the server-first message. */
  private static String clientFinal(ScramAlgorithm algorithm, String gs2Header, String bare,
      String serverFirst, String password) {
    Matcher m = Pattern.compile("r=([^,]+),s=([^,]+),i=(\\d+)").matcher(serverFirst);
    assertTrue(m.matches(), serverFirst);
    ScramMechanism mech = ScramCredentials.mechanism(algorithm);
    byte[] salted = ScramCredentials.saltedPassword(password, algorithm,
        Base64.getDecoder().decode(m.group(2)), Integer.parseInt(m.group(3)));
    String withoutProof = "c=" + Base64.getEncoder().encodeToString(utf8(gs2Header))
        + ",r=" + m.group(1);
    String authMessage = bare + "," + serverFirst + "," + withoutProof;
    byte[] clientKey = ScramFunctions.clientKey(mech, salted);
    byte[] signature = ScramFunctions.clientSignature(
        mech, ScramFunctions.storedKey(mech, clientKey), authMessage);
    return withoutProof + ",p="
        + Base64.getEncoder().encodeToString(ScramFunctions.clientProof(clientKey, signature));
  }

  @Test
  void scramSha1ReplaysRfc5802Example() {
    SaslServerMechanism scram = start("SCRAM-SHA-1", "3rfcNHYJY1ZVvWVs7j");
    assertEquals("SCRAM-SHA-1", scram.name());
    assertEquals("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
        text(scram.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"))));
    SaslStep last = scram.evaluate(utf8("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
        + "p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="));
    assertEquals("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=", text(last));
    assertEquals("user", ((SaslStep.Success) last).username());
  }

  @Test
  void onlyTheFirstStepMayBlock() {
    // The credential store is asked in client-first only; client-final runs on the event loop.
    SaslServerMechanism scram = start("SCRAM-SHA-1", "3rfcNHYJY1ZVvWVs7j");
    assertTrue(scram.nextStepBlocks());
    scram.evaluate(null); // <auth/> without initial response: empty challenge, still initial
    assertTrue(scram.nextStepBlocks());
    scram.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
    assertFalse(scram.nextStepBlocks());
    assertInstanceOf(SaslStep.Success.class, scram.evaluate(utf8(
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=")));
    assertFalse(scram.nextStepBlocks());
  }

  @Test
  void aNonBlockingStoreKeepsEveryStepOnTheEventLoop() {
    SaslServerMechanism scram = start(new InMemoryRfcStore(), "SCRAM-SHA-1", "3rfcNHYJY1ZVvWVs7j");
    assertFalse(scram.nextStepBlocks());
    scram.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
    assertFalse(scram.nextStepBlocks());
    SaslServerMechanism plain = new SaslMechanisms(DOMAIN, new InMemoryRfcStore(), null,
        new SecureRandom()).start("PLAIN", true);
    assertTrue(plain.nextStepBlocks(), "PLAIN hashes the password: never on the event loop");
  }

  private static final class InMemoryRfcStore implements CredentialStore, NonBlockingStore {
    @Override
    public boolean exists(String username) {
      return RFC_STORE.exists(username);
    }

    @Override
    public Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm) {
      return RFC_STORE.scramCredential(username, algorithm);
    }
  }

  @Test
  void plainAlwaysMayBlock() {
    SaslServerMechanism plain = new SaslMechanisms(DOMAIN, RFC_STORE, null, new SecureRandom())
        .start("PLAIN", true);
    assertTrue(plain.nextStepBlocks());
  }

  @Test
  void scramSha256ReplaysRfc7677Example() {
    SaslServerMechanism scram = start("SCRAM-SHA-256", "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
    assertEquals("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        text(scram.evaluate(utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"))));
    SaslStep last = scram.evaluate(utf8("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
        + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
    assertEquals("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", text(last));
  }

  @ParameterizedTest
  @EnumSource(ScramAlgorithm.class)
  void generatedNonceAndClientRoundTripSucceed(ScramAlgorithm algorithm) {
    SaslServerMechanism scram = new SaslMechanisms(DOMAIN, RFC_STORE, null, new SecureRandom())
        .start(algorithm.mechanism(), false);
    String serverFirst = text(scram.evaluate(utf8("y,,n=User,r=abc")));
    assertTrue(serverFirst.startsWith("r=abc") && serverFirst.length() > "r=abc,s=,i=4096".length());
    SaslStep last = scram.evaluate(
        utf8(clientFinal(algorithm, "y,,", "n=User,r=abc", serverFirst, "pencil")));
    // The username is prepared (case-mapped) before the store is asked.
    assertEquals("user", assertInstanceOf(SaslStep.Success.class, last).username());
  }

  @Test
  void theServerNonceIs24PrintableCharactersFromOneDrawOfTheGenerator() {
    AtomicInteger draws = new AtomicInteger();
    SecureRandom counting = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        draws.incrementAndGet();
        super.nextBytes(bytes);
      }
    };
    SaslMechanisms mechanisms = new SaslMechanisms(DOMAIN, RFC_STORE, null, counting);
    draws.set(0);
    String first = text(mechanisms.start("SCRAM-SHA-1", false).evaluate(utf8("n,,n=user,r=abc")));
    String second = text(mechanisms.start("SCRAM-SHA-1", false).evaluate(utf8("n,,n=user,r=abc")));
    // RFC 5802 §5.1: printable, no ','. Each draw of a DRBG costs a hash of its state.
    assertTrue(first.matches("r=abc[A-Za-z0-9+/]{24},s=.*"), first);
    assertNotEquals(first.substring(0, 29), second.substring(0, 29));
    assertEquals(2, draws.get());
  }

  @Test
  void authMessageUsesExtensionsAndAuthzidExactlyAsSent() {
    SaslServerMechanism scram = start("SCRAM-SHA-1", "srv");
    String gs2 = "n,a=user@example.test,";
    String bare = "n=user,r=cli,x=ext";
    String serverFirst = text(scram.evaluate(utf8(gs2 + bare)));
    SaslStep last = scram.evaluate(utf8(clientFinal(ScramAlgorithm.SHA_1, gs2, bare, serverFirst,
        "pencil")));
    assertInstanceOf(SaslStep.Success.class, last);
  }

  @Test
  void emptyAuthGetsEmptyChallengeThenContinues() {
    SaslServerMechanism scram = start("SCRAM-SHA-1", "3rfcNHYJY1ZVvWVs7j");
    SaslStep.Challenge empty = assertInstanceOf(SaslStep.Challenge.class, scram.evaluate(null));
    assertArrayEquals(new byte[0], empty.data());
    assertTrue(text(scram.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL")))
        .startsWith("r=fyko"));
  }

  @Test
  void wrongPasswordIsNotAuthorized() {
    SaslServerMechanism scram = start("SCRAM-SHA-256", "srv");
    String serverFirst = text(scram.evaluate(utf8("n,,n=user,r=cli")));
    assertFailure(SaslFailure.NOT_AUTHORIZED, scram.evaluate(
        utf8(clientFinal(ScramAlgorithm.SHA_256, "n,,", "n=user,r=cli", serverFirst, "pencil2"))));
  }

  @Test
  void unknownUserGetsStableFakeSaltAndFailsOnlyAtTheEnd() {
    SaslMechanisms mechanisms =
        new SaslMechanisms(DOMAIN, RFC_STORE, null, new SecureRandom(), () -> "srv");
    SaslServerMechanism scram = mechanisms.start("SCRAM-SHA-1", false);
    String serverFirst = text(scram.evaluate(utf8("n,,n=nobody,r=cli")));
    assertTrue(serverFirst.matches("r=clisrv,s=[A-Za-z0-9+/=]{24},i=4096"), serverFirst);
    String again = text(mechanisms.start("SCRAM-SHA-1", false).evaluate(utf8("n,,n=nobody,r=cli")));
    assertEquals(serverFirst, again);
    assertFailure(SaslFailure.NOT_AUTHORIZED, scram.evaluate(
        utf8(clientFinal(ScramAlgorithm.SHA_1, "n,,", "n=nobody,r=cli", serverFirst, "pencil"))));
  }

  @Test
  void nonceMismatchIsNotAuthorized() {
    SaslServerMechanism scram = start("SCRAM-SHA-1", "3rfcNHYJY1ZVvWVs7j");
    scram.evaluate(utf8("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
    assertFailure(SaslFailure.NOT_AUTHORIZED, scram.evaluate(utf8(
        "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7X,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=")));
  }

  @Test
  void channelBindingAttributeMustRepeatGs2Header() {
    SaslServerMechanism scram = start("SCRAM-SHA-1", "srv");
    String serverFirst = text(scram.evaluate(utf8("y,,n=user,r=cli")));
    // The client claims "n,," in c= after sending "y,,": a downgrade, so refused.
    assertFailure(SaslFailure.NOT_AUTHORIZED, scram.evaluate(
        utf8(clientFinal(ScramAlgorithm.SHA_1, "n,,", "n=user,r=cli", serverFirst,
            "pencil"))));
  }

  @Test
  void requiredChannelBindingIsRefused() {
    SaslServerMechanism scram = start("SCRAM-SHA-1", "srv");
    assertFailure(SaslFailure.MALFORMED_REQUEST,
        scram.evaluate(utf8("p=tls-exporter,,n=user,r=cli")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"n,a=other@example.test,n=user,r=cli", "n,a=user@elsewhere.test,n=user,r=cli",
      "n,a=user@example.test/res,n=user,r=cli", "n,a=@@,n=user,r=cli"})
  void foreignAuthzidIsInvalid(String clientFirst) {
    assertFailure(SaslFailure.INVALID_AUTHZID, start("SCRAM-SHA-1", "srv").evaluate(utf8(clientFirst)));
  }

  @Test
  void ownBareJidAsAuthzidIsAccepted() {
    SaslStep step = start("SCRAM-SHA-1", "srv").evaluate(utf8("n,a=USER@Example.test,n=user,r=cli"));
    assertInstanceOf(SaslStep.Challenge.class, step);
  }

  @Test
  void saslNameEscapesAreDecodedBeforePreparation() {
    // "a=2Cb" decodes to "a,b", a legal localpart; "=3D" to "=".
    CredentialStore store = new CredentialStore() {
      @Override
      public boolean exists(String username) {
        return true;
      }

      @Override
      public Optional<ScramCredential> scramCredential(String username, ScramAlgorithm algorithm) {
        assertEquals("a,b=c", username);
        return RFC_STORE.scramCredential("user", algorithm);
      }
    };
    SaslServerMechanism scram = start(store, "SCRAM-SHA-1", "srv");
    String serverFirst = text(scram.evaluate(utf8("n,,n=a=2Cb=3Dc,r=cli")));
    SaslStep last = scram.evaluate(utf8(
        clientFinal(ScramAlgorithm.SHA_1, "n,,", "n=a=2Cb=3Dc,r=cli", serverFirst, "pencil")));
    assertEquals("a,b=c", assertInstanceOf(SaslStep.Success.class, last).username());
  }

  @Test
  void usernameThatIsNoLocalpartIsNotAuthorized() {
    assertFailure(SaslFailure.NOT_AUTHORIZED,
        start("SCRAM-SHA-1", "srv").evaluate(utf8("n,,n=a@b,r=cli")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "n,,", "n,,n=user", "n,,r=cli,n=user", "q,,n=user,r=cli",
      "n,,n=us=er,r=cli", "n,,n=user,r=c,li", "n,,m=ext,n=user,r=cli", "n,,n=user,r=cli,m=x",
      "n,b=x,n=user,r=cli", "n,,n=,r=cli"})
  void malformedClientFirstIsRejected(String clientFirst) {
    assertFailure(SaslFailure.MALFORMED_REQUEST,
        start("SCRAM-SHA-1", "srv").evaluate(utf8(clientFirst)));
  }

  @Test
  void invalidUtf8IsMalformed() {
    assertFailure(SaslFailure.MALFORMED_REQUEST,
        start("SCRAM-SHA-1", "srv").evaluate(new byte[] {'n', ',', ',', (byte) 0xC3}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "c=biws,r=clisrv", "c=biws,p=AAAA", "r=clisrv,c=biws,p=AAAA",
      "c=b!ws,r=clisrv,p=AAAA", "c=biws,r=clisrv,p=A!AA"})
  void malformedClientFinalIsRejected(String clientFinal) {
    SaslServerMechanism scram = start("SCRAM-SHA-1", "srv");
    scram.evaluate(utf8("n,,n=user,r=cli"));
    assertFailure(SaslFailure.MALFORMED_REQUEST, scram.evaluate(utf8(clientFinal)));
  }

  @Test
  void shortProofIsNotAuthorized() {
    SaslServerMechanism scram = start("SCRAM-SHA-1", "srv");
    scram.evaluate(utf8("n,,n=user,r=cli"));
    assertFailure(SaslFailure.NOT_AUTHORIZED, scram.evaluate(utf8("c=biws,r=clisrv,p=AAAA")));
  }

  @Test
  void storeFailureIsTemporary() {
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
    assertFailure(SaslFailure.TEMPORARY_AUTH_FAILURE,
        start(broken, "SCRAM-SHA-256", "srv").evaluate(utf8("n,,n=user,r=cli")));
  }

  @Test
  void nothingIsAcceptedAfterTheExchangeEnded() {
    SaslServerMechanism scram = start("SCRAM-SHA-1", "srv");
    assertFailure(SaslFailure.MALFORMED_REQUEST, scram.evaluate(utf8("garbage")));
    assertNotNull(scram.evaluate(utf8("n,,n=user,r=cli")));
    assertFailure(SaslFailure.MALFORMED_REQUEST, scram.evaluate(utf8("n,,n=user,r=cli")));
  }
}
