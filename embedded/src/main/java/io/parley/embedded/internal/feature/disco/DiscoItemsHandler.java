package io.parley.embedded.internal.feature.disco;

import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;

/** XEP-0030 disco#items: the server has no items yet (no components); accounts none either. */
final class DiscoItemsHandler implements IqHandler {
  private final AccountCheck accounts;

  @Inject
  DiscoItemsHandler(AccountCheck accounts) {
    this.accounts = accounts;
  }

  @Override
  public String namespace() {
    return Disco.ITEMS;
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
    return Set.of(); // advertised by the info handler
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    StanzaErrorException refusal = Disco.refusal(request);
    if (refusal != null) {
      return CompletableFuture.failedFuture(refusal);
    }
    Element empty = Element.of("query", Disco.ITEMS);
    if (context.scope() == IqScope.SERVER) {
      return CompletableFuture.completedFuture(request.result(empty));
    }
    return accounts.check(context).thenApply(ok -> request.result(empty));
  }
}
