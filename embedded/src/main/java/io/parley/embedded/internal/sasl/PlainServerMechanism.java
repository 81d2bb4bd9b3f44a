package io.parley.embedded.internal.sasl;

import io.parley.spi.auth.Authenticator;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}. Only
 * offered on encrypted streams. Checked by the host's {@link Authenticator} when there is one,
 * otherwise against the stored SCRAM keys, so no password is ever stored.
 */
final class PlainServerMechanism implements SaslServerMechanism {
  private static final Logger log = LoggerFactory.getLogger(PlainServerMechanism.class);

  private final CredentialStore store;
  private final Authenticator authenticator;
  private final SaslIdentities identities;
  private final Function<String, ScramCredential> fakeCredentials;
  private boolean done;

  PlainServerMechanism(CredentialStore store, Authenticator authenticator,
      SaslIdentities identities, Function<String, ScramCredential> fakeCredentials) {
    this.store = store;
    this.authenticator = authenticator;
    this.identities = identities;
    this.fakeCredentials = fakeCredentials;
  }

  @Override
  public String name() {
    return "PLAIN";
  }

  @Override
  public SaslStep evaluate(byte[] response) {
    if (done) {
      return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "exchange already finished");
    }
    if (response == null) {
      return new SaslStep.Challenge(new byte[0]); // RFC 6120 §6.4.2: ask for the message
    }
    done = true;
    String text = SaslText.utf8(response);
    if (text == null) {
      return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "not UTF-8");
    }
    int first = text.indexOf('\0');
    int second = first < 0 ? -1 : text.indexOf('\0', first + 1);
    if (second < 0 || text.indexOf('\0', second + 1) >= 0) {
      return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "expected two NUL separators");
    }
    String authzid = text.substring(0, first);
    String authcid = text.substring(first + 1, second);
    String password = text.substring(second + 1);
    if (authcid.isEmpty() || password.isEmpty()) {
      return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "empty authcid or password");
    }
    String username = identities.prepareUsername(authcid);
    if (username == null) {
      return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null);
    }
    if (!identities.isAllowedAuthzid(authzid, username)) {
      return new SaslStep.Failure(SaslFailure.INVALID_AUTHZID, null);
    }
    String prepared;
    try {
      prepared = ScramCredentials.preparePassword(password);
    } catch (IllegalArgumentException e) {
      return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null);
    }
    boolean ok;
    try {
      ok = authenticator != null
          ? authenticator.authenticate(username, prepared)
          : checkStored(username, prepared);
    } catch (RuntimeException e) {
      log.warn("{} failed while checking a PLAIN login",
          authenticator != null ? "Authenticator" : "Credential store", e);
      return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, null);
    }
    return ok
        ? new SaslStep.Success(username, null)
        : new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null);
  }

  private boolean checkStored(String username, String preparedPassword) {
    Optional<ScramCredential> stored = store.scramCredential(username, ScramAlgorithm.SHA_256)
        .or(() -> store.scramCredential(username, ScramAlgorithm.SHA_1));
    // An unknown user still costs one PBKDF2 run, so timing does not tell who exists.
    ScramCredential credential = stored.orElseGet(() -> fakeCredentials.apply(username));
    byte[] salted = ScramCredentials.saltedPassword(preparedPassword, credential.algorithm(),
        credential.salt(), credential.iterations());
    ScramCredential presented = ScramCredentials.fromSaltedPassword(
        credential.algorithm(), credential.salt(), credential.iterations(), salted);
    return MessageDigest.isEqual(presented.storedKey(), credential.storedKey())
        && stored.isPresent();
  }
}
