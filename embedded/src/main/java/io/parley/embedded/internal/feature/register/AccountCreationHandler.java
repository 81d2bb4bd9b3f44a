package io.parley.embedded.internal.feature.register;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.stream.PreAuthIqHandler;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.InvalidJidException;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates accounts before authentication (XEP-0077 §3.1, §3.1.1, §8).
 *
 * <pre>{@code
 * C: <iq type='set' id='reg2'><query xmlns='jabber:iq:register'>
 *      <username>bill</username><password>Calliope</password></query></iq>
 * S: <iq type='result' id='reg2'/>
 * }</pre>
 */
final class AccountCreationHandler implements PreAuthIqHandler {
  private static final Logger log = LoggerFactory.getLogger(AccountCreationHandler.class);
  static final String INSTRUCTIONS = "Choose a username and password to register with this server.";

  private final RegistrationPolicy policy;
  private final CredentialStore store;
  private final Jid domain;
  private final Executor blocking;

  @Inject
  AccountCreationHandler(RegistrationPolicy policy, ServerConfig config,
      @Blocking Executor blocking) {
    this.policy = policy;
    this.store = config.credentialStore();
    this.domain = config.domain();
    this.blocking = blocking;
  }

  @Override
  public String namespace() {
    return Register.NAMESPACE;
  }

  @Override
  public Element streamFeature(boolean secure) {
    return policy.allowedOn(secure) ? Element.of("register", Register.FEATURE_NAMESPACE) : null;
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, boolean secure) {
    if (!policy.enabled()) {
      // §3.1: a host without in-band registration answers service-unavailable.
      return fail(request, Condition.SERVICE_UNAVAILABLE, null);
    }
    if (!policy.allowedOn(secure)) {
      // §11: not over an unencrypted channel when the server requires TLS (as Prosody does).
      return fail(request, Condition.NOT_AUTHORIZED, "encryption is required to register");
    }
    Element query = request.payload();
    if (query == null || !Register.ELEMENT.equals(query.name())) {
      return fail(request, Condition.BAD_REQUEST, null);
    }
    if (request.type() == Iq.Type.GET) {
      // §3.1: an unauthenticated entity is assumed to be unregistered.
      return CompletableFuture.completedFuture(request.result(Register.query()
          .child(Element.builder("instructions", Register.NAMESPACE).text(INSTRUCTIONS).build())
          .child(Element.of("username", Register.NAMESPACE))
          .child(Element.of("password", Register.NAMESPACE))
          .build()));
    }
    if (Register.hasRemove(query)) {
      // §3.2 error table: a remove on a stream with no account behind it.
      return fail(request, Condition.UNEXPECTED_REQUEST, null);
    }
    String username = Register.field(query, "username");
    String password = Register.field(query, "password");
    if (username == null || password == null) {
      // §3.1: every requested field is required, and an empty password is none.
      return fail(request, Condition.NOT_ACCEPTABLE, null);
    }
    String local;
    try {
      local = Jid.of(username, domain.domain(), null).local();
    } catch (InvalidJidException e) {
      // RFC 7622 §3.3 localpart rules; ejabberd answers the same.
      return fail(request, Condition.JID_MALFORMED, "invalid username");
    }
    return CompletableFuture.supplyAsync(() -> create(request, local, password), blocking);
  }

  private Iq create(Iq request, String username, String password) {
    boolean created;
    try {
      created = store.create(username, password);
    } catch (UnsupportedOperationException e) {
      return Register.error(request, Condition.NOT_ALLOWED, "this server cannot create accounts");
    } catch (IllegalArgumentException e) {
      // The store refused the password (PRECIS OpaqueString) or the name.
      return Register.error(request, Condition.NOT_ACCEPTABLE, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("credential store failed to create {}", username, e);
      throw e;
    }
    if (!created) {
      return Register.error(request, Condition.CONFLICT, null);
    }
    log.info("account {} registered in-band", username);
    return request.result();
  }

  private static CompletionStage<Iq> fail(Iq request, Condition condition, String text) {
    return CompletableFuture.completedFuture(Register.error(request, condition, text));
  }
}
