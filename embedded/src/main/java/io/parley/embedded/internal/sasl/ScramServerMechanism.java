package io.parley.embedded.internal.sasl;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.ServerFinalMessage;
import com.ongres.scram.common.ServerFirstMessage;
import io.parley.embedded.internal.sasl.ScramMessages.ClientFinal;
import io.parley.embedded.internal.sasl.ScramMessages.ClientFirst;
import io.parley.embedded.internal.sasl.ScramMessages.MalformedException;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import io.parley.spi.storage.NonBlockingStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of SCRAM-SHA-1 / SCRAM-SHA-256 without channel binding (RFC 5802, RFC 7677):
 *
 * <pre>
 * C: n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL
 * S: r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096
 * C: c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=
 * S: (success) v=rmF9pqV8S7suAoZWja4dJRkFsKQ=
 * </pre>
 */
final class ScramServerMechanism implements SaslServerMechanism {
  private static final Logger log = LoggerFactory.getLogger(ScramServerMechanism.class);

  private enum State { INITIAL, FIRST_SENT, DONE }

  private final ScramAlgorithm algorithm;
  private final ScramMechanism mechanism;
  private final CredentialStore store;
  private final SaslIdentities identities;
  private final Supplier<String> serverNonces;
  private final Function<String, ScramCredential> fakeCredentials;

  private State state = State.INITIAL;
  private ClientFirst clientFirst;
  private String preparedUsername;
  private String serverFirst;
  private String nonce;
  private ScramCredential credential;
  private boolean knownUser;

  /**
   * @param fakeCredentials a stable stand-in credential per username, so that an unknown user gets
   *     a plausible server-first message and fails only at the end (RFC 5802 §9)
   */
  ScramServerMechanism(ScramAlgorithm algorithm, CredentialStore store, SaslIdentities identities,
      Supplier<String> serverNonces, Function<String, ScramCredential> fakeCredentials) {
    this.algorithm = algorithm;
    this.mechanism = ScramCredentials.mechanism(algorithm);
    this.store = store;
    this.identities = identities;
    this.serverNonces = serverNonces;
    this.fakeCredentials = fakeCredentials;
  }

  @Override
  public String name() {
    return algorithm.mechanism();
  }

  /**
   * Only the first step asks the credential store, and only a store that may block makes it leave
   * the event loop; client-final is a parse, three HMACs and a comparison against the credential
   * the first step fetched.
   */
  @Override
  public boolean nextStepBlocks() {
    return state == State.INITIAL && !(store instanceof NonBlockingStore);
  }

  @Override
  public SaslStep evaluate(byte[] response) {
    switch (state) {
      case INITIAL:
        if (response == null) {
          // <auth/> without initial response: RFC 6120 §6.4.2 wants an empty challenge.
          return new SaslStep.Challenge(new byte[0]);
        }
        return clientFirst(response);
      case FIRST_SENT:
        return clientFinal(response);
      default:
        return new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "exchange already finished");
    }
  }

  private SaslStep clientFirst(byte[] response) {
    String text = SaslText.utf8(response);
    if (text == null || text.isEmpty()) {
      return fail(SaslFailure.MALFORMED_REQUEST, "expected client-first-message");
    }
    ClientFirst first;
    try {
      first = ScramMessages.parseClientFirst(text);
    } catch (MalformedException e) {
      return fail(SaslFailure.MALFORMED_REQUEST, e.getMessage());
    }
    if (first.cbindFlag() == 'p') {
      // RFC 5802 §6: channel binding needs a -PLUS mechanism, and we offer none.
      return fail(SaslFailure.MALFORMED_REQUEST, "channel binding is not supported");
    }
    String username = identities.prepareUsername(first.username());
    if (username == null) {
      return fail(SaslFailure.NOT_AUTHORIZED, null);
    }
    if (!identities.isAllowedAuthzid(first.authzid(), username)) {
      return fail(SaslFailure.INVALID_AUTHZID, null);
    }
    Optional<ScramCredential> stored;
    try {
      stored = store.scramCredential(username, algorithm);
    } catch (RuntimeException e) {
      log.warn("Credential store failed to look up a {} credential", algorithm.mechanism(), e);
      return fail(SaslFailure.TEMPORARY_AUTH_FAILURE, null);
    }
    knownUser = stored.isPresent() && stored.get().algorithm() == algorithm;
    credential = knownUser ? stored.get() : fakeCredentials.apply(username);
    clientFirst = first;
    preparedUsername = username;
    String serverNonce = serverNonces.get();
    nonce = first.clientNonce() + serverNonce;
    serverFirst = new ServerFirstMessage(first.clientNonce(), serverNonce,
        Base64.getEncoder().encodeToString(credential.salt()), credential.iterations())
        .toString();
    state = State.FIRST_SENT;
    return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
  }

  private SaslStep clientFinal(byte[] response) {
    String text = response == null ? null : SaslText.utf8(response);
    if (text == null || text.isEmpty()) {
      return fail(SaslFailure.MALFORMED_REQUEST, "expected client-final-message");
    }
    ClientFinal last;
    try {
      last = ScramMessages.parseClientFinal(text);
    } catch (MalformedException e) {
      return fail(SaslFailure.MALFORMED_REQUEST, e.getMessage());
    }
    // Without channel binding, c= carries exactly the gs2-header of the first message (§5.1).
    if (!MessageDigest.isEqual(
        last.channelBinding(), clientFirst.gs2Header().getBytes(StandardCharsets.UTF_8))) {
      return fail(SaslFailure.NOT_AUTHORIZED, null);
    }
    if (!last.nonce().equals(nonce)) {
      return fail(SaslFailure.NOT_AUTHORIZED, null);
    }
    // AuthMessage from the messages exactly as exchanged, never re-serialized (RFC 5802 §3).
    String authMessage = clientFirst.bare() + "," + serverFirst + "," + last.withoutProof();
    byte[] storedKey = credential.storedKey();
    boolean proofOk = last.proof().length == storedKey.length
        && ScramFunctions.verifyClientProof(mechanism, last.proof(), storedKey, authMessage);
    if (!proofOk || !knownUser) {
      return fail(SaslFailure.NOT_AUTHORIZED, null);
    }
    byte[] signature =
        ScramFunctions.serverSignature(mechanism, credential.serverKey(), authMessage);
    state = State.DONE;
    return new SaslStep.Success(preparedUsername,
        new ServerFinalMessage(signature).toString().getBytes(StandardCharsets.UTF_8));
  }

  private SaslStep fail(SaslFailure condition, String text) {
    state = State.DONE;
    return new SaslStep.Failure(condition, text);
  }
}
