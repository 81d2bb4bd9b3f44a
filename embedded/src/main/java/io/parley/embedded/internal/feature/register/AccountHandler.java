package io.parley.embedded.internal.feature.register;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.session.AccountDeletion;
import io.parley.embedded.internal.di.Blocking;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.InvalidJidException;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration of an authenticated user's own account: its details, removal and password
 * change (XEP-0077 §3.1, §3.2, §3.3), addressed to the server or to the user's bare JID.
 *
 * <pre>{@code
 * C: <iq type='set' id='unreg1'><query xmlns='jabber:iq:register'><remove/></query></iq>
 * S: <iq type='result' id='unreg1'/>
 * S: <stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>
 * }</pre>
 */
final class AccountHandler implements IqHandler {
  private final Set<AccountDeletion> deletions;
  private static final Logger log = LoggerFactory.getLogger(AccountHandler.class);
  static final String INSTRUCTIONS = "You are registered. Send a new password to change it,"
      + " or remove to delete the account.";

  private final RegistrationPolicy policy;
  private final CredentialStore store;
  private final AccountRemovals removals;
  private final Executor blocking;

  @Inject
  AccountHandler(RegistrationPolicy policy, ServerConfig config, AccountRemovals removals,
      @Blocking Executor blocking, Set<AccountDeletion> deletions) {
    this.deletions = deletions;
    this.policy = policy;
    this.store = config.credentialStore();
    this.removals = removals;
    this.blocking = blocking;
  }

  @Override
  public String namespace() {
    return Register.NAMESPACE;
  }

  @Override
  public String element() {
    return Register.ELEMENT;
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.SERVER, IqScope.ACCOUNT);
  }

  @Override
  public Set<String> features() {
    // §10: advertised only when the server registers in-band.
    return policy.enabled() ? Set.of(Register.NAMESPACE) : Set.of();
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    if (!policy.enabled()) {
      return fail(request, Condition.SERVICE_UNAVAILABLE, null);
    }
    Jid account = context.sender().asBare();
    if (context.scope() == IqScope.ACCOUNT && !context.target().equals(account)) {
      // §3.2: only the account's own user may manage its registration.
      return fail(request, Condition.FORBIDDEN, null);
    }
    Element query = request.payload();
    if (request.type() == Iq.Type.GET) {
      // §3.1: a registered entity gets <registered/> and what is on file (never the password).
      return CompletableFuture.completedFuture(request.result(Register.query()
          .child(Element.of("registered", Register.NAMESPACE))
          .child(Element.builder("instructions", Register.NAMESPACE).text(INSTRUCTIONS).build())
          .child(Element.builder("username", Register.NAMESPACE).text(account.local()).build())
          .build()));
    }
    if (Register.hasRemove(query)) {
      if (query.elements().size() != 1) {
        // §3.2 error table: <remove/> must be the only child.
        return fail(request, Condition.BAD_REQUEST, "remove must be the only child");
      }
      return CompletableFuture.supplyAsync(() -> remove(request, context.sender()), blocking);
    }
    return changePassword(request, query, account);
  }

  private Iq remove(Iq request, Jid requester) {
    String username = requester.local();
    try {
      if (!store.exists(username)) {
        return Register.error(request, Condition.REGISTRATION_REQUIRED, null);
      }
      store.delete(username);
    } catch (UnsupportedOperationException e) {
      return Register.error(request, Condition.NOT_ALLOWED, "this server cannot delete accounts");
    }
    for (AccountDeletion d : deletions) {
      try {
        d.deleted(requester.asBare());
      } catch (RuntimeException e) {
        log.warn("could not delete the data of {} in {}", username, d, e);
      }
    }
    log.info("account {} removed in-band", username);
    removals.removed(requester, request.id());
    return request.result();
  }

  // §3.3
  private CompletionStage<Iq> changePassword(Iq request, Element query, Jid account) {
    String username = Register.field(query, "username");
    String password = Register.field(query, "password");
    if (username == null || password == null) {
      // Incomplete, or an empty password: the old one stays (§3.3).
      return fail(request, Condition.BAD_REQUEST, "username and a non-empty password are required");
    }
    String local;
    try {
      local = Jid.of(username, account.domain(), null).local();
    } catch (InvalidJidException e) {
      return fail(request, Condition.BAD_REQUEST, "invalid username");
    }
    if (!local.equals(account.local())) {
      return fail(request, Condition.FORBIDDEN, "only your own password can be changed");
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        store.changePassword(local, password);
      } catch (UnsupportedOperationException e) {
        return Register.error(request, Condition.NOT_ALLOWED,
            "this server cannot change passwords");
      } catch (IllegalArgumentException e) {
        // The store refused the password (PRECIS OpaqueString) or no longer has the account.
        return Register.error(request, Condition.NOT_ACCEPTABLE, e.getMessage());
      }
      log.info("password of {} changed in-band", local);
      return request.result();
    }, blocking);
  }

  private static CompletionStage<Iq> fail(Iq request, Condition condition, String text) {
    return CompletableFuture.completedFuture(Register.error(request, condition, text));
  }
}
