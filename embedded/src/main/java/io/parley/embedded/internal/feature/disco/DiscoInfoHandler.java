package io.parley.embedded.internal.feature.disco;

import io.parley.embedded.internal.router.IqDispatcher;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;
import javax.inject.Provider;

/**
 * XEP-0030 disco#info for the server and for accounts. The features are those every registered
 * IQ handler declares for the scope, so what is advertised cannot drift from what is handled.
 *
 * <pre>{@code
 * S: <query xmlns='http://jabber.org/protocol/disco#info'>
 *      <identity category='server' type='im' name='Parley'/><feature var='urn:xmpp:ping'/>…
 * }</pre>
 */
final class DiscoInfoHandler implements IqHandler {
  private final Provider<IqDispatcher> dispatcher; // a Provider: the dispatcher holds this handler
  private final AccountCheck accounts;
  private final Set<String> serverFeatures;

  @Inject
  DiscoInfoHandler(Provider<IqDispatcher> dispatcher, AccountCheck accounts,
      @ServerFeature Set<String> serverFeatures) {
    this.dispatcher = dispatcher;
    this.accounts = accounts;
    this.serverFeatures = Set.copyOf(serverFeatures);
  }

  @Override
  public String namespace() {
    return Disco.INFO;
  }

  @Override
  public String element() {
    return "query";
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.SERVER, IqScope.ACCOUNT);
  }

  @Override
  public Set<String> features() {
    return Set.of(Disco.INFO, Disco.ITEMS);
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    StanzaErrorException refusal = Disco.refusal(request);
    if (refusal != null) {
      return CompletableFuture.failedFuture(refusal);
    }
    if (context.scope() == IqScope.SERVER) {
      Set<String> features = new TreeSet<>(dispatcher.get().features(IqScope.SERVER));
      features.addAll(serverFeatures);
      return CompletableFuture.completedFuture(request.result(info("server", "im", "Parley",
          features)));
    }
    return accounts.check(context).thenApply(ok -> request.result(info("account", "registered",
        null, dispatcher.get().features(IqScope.ACCOUNT))));
  }

  private static Element info(String category, String type, String name, Set<String> features) {
    Element.Builder query = Element.builder("query", Disco.INFO);
    query.child(Element.builder("identity", Disco.INFO)
        .attribute("category", category)
        .attribute("type", type)
        .attribute("name", name)
        .build());
    for (String feature : features) {
      query.child(Element.builder("feature", Disco.INFO).attribute("var", feature).build());
    }
    return query.build();
  }
}
