package io.parley.embedded.internal.feature.vcard;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.XmlStore;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.inject.Inject;

/**
 * Keeps each user's vCard and shows it to everyone (XEP-0054 §3; vCards are world-readable, §5).
 *
 * <pre>{@code
 * C: <iq type='get' id='v3' to='jer@example.com'><vCard xmlns='vcard-temp'/></iq>
 * S: <iq type='result' id='v3' from='jer@example.com'><vCard xmlns='vcard-temp'><FN>…
 * }</pre>
 */
final class VCardHandler implements IqHandler {
  private final ServerConfig config;
  private final XmlStore store;
  private final Executor blocking;

  @Inject
  VCardHandler(ServerConfig config, XmlStore store, @Blocking Executor blocking) {
    this.config = config;
    this.store = store;
    this.blocking = blocking;
  }

  @Override
  public String namespace() {
    return VCard.NAMESPACE;
  }

  @Override
  public String element() {
    return VCard.ELEMENT;
  }

  /** The server scope too: clients look for {@code vcard-temp} in the server's features. */
  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.SERVER, IqScope.ACCOUNT);
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    if (context.scope() == IqScope.SERVER) {
      // The server has no vCard of its own (XEP-0054 §3.3 allows one; none is configured), and
      // nobody may write one.
      return failed(request.type() == Iq.Type.GET ? Condition.ITEM_NOT_FOUND
          : Condition.FORBIDDEN);
    }
    Jid user = context.target();
    boolean own = user.equals(context.sender().asBare());
    if (request.type() == Iq.Type.SET) {
      if (!own) {
        // XEP-0054 §3.2: forbidden (or not-allowed) for another user's vCard.
        return failed(Condition.FORBIDDEN);
      }
      // The whole vCard replaces the stored one (§3.2: no partial updates); its size is bounded
      // by the stanza limit.
      Element vcard = request.payload();
      return CompletableFuture.supplyAsync(() -> {
        store.put(user, VCard.STORE_KEY, vcard);
        return request.result();
      }, blocking);
    }
    return CompletableFuture.supplyAsync(() -> {
      Optional<Element> stored = store.get(user, VCard.STORE_KEY);
      if (stored.isPresent()) {
        return request.result(stored.get());
      }
      if (own) {
        // §3.1: for one's own vCard an empty element is allowed, and clients take it better.
        return request.result(Element.of(VCard.ELEMENT, VCard.NAMESPACE));
      }
      // §3.3: another user without a vCard is an error; an unknown account is
      // service-unavailable as RFC 6121 §8.5.1 prescribes for IQs to it.
      throw new StanzaErrorException(config.credentialStore().exists(user.local())
          ? Condition.ITEM_NOT_FOUND : Condition.SERVICE_UNAVAILABLE);
    }, blocking);
  }

  private static CompletionStage<Iq> failed(Condition condition) {
    return CompletableFuture.failedFuture(new StanzaErrorException(condition));
  }
}
