package io.parley.embedded.internal.feature.disco;

import io.parley.embedded.internal.router.LocalService;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;

/**
 * XEP-0030 disco#items: the server lists its services (pub-sub, chat rooms), as clients look for
 * them there; an account's items come from the features that have some ({@link AccountItems},
 * e.g. PEP nodes).
 */
final class DiscoItemsHandler implements IqHandler {
  private final AccountCheck accounts;
  private final Element serverItems;
  private final List<AccountItems> accountItems;

  @Inject
  DiscoItemsHandler(AccountCheck accounts, Set<LocalService> services,
      Set<AccountItems> accountItems) {
    this.accounts = accounts;
    this.accountItems = List.copyOf(accountItems);
    List<LocalService> sorted = new ArrayList<>(services);
    sorted.sort(Comparator.comparing(LocalService::domain));
    Element.Builder query = Element.builder("query", Disco.ITEMS);
    for (LocalService s : sorted) {
      Element.Builder item = Element.builder("item", Disco.ITEMS).attribute("jid", s.domain());
      if (s.name() != null) {
        item.attribute("name", s.name());
      }
      query.child(item.build());
    }
    this.serverItems = query.build();
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
    if (context.scope() == IqScope.SERVER) {
      return CompletableFuture.completedFuture(request.result(serverItems));
    }
    return accounts.check(context).thenCompose(ok -> {
      CompletableFuture<List<Element>> all = CompletableFuture.completedFuture(List.of());
      for (AccountItems source : accountItems) {
        all = all.thenCombine(source.items(context.target(), context.sender()), (a, b) -> {
          List<Element> joined = new ArrayList<>(a);
          joined.addAll(b);
          return joined;
        });
      }
      return all.thenApply(items -> request.result(
          Element.builder("query", Disco.ITEMS).children(items).build()));
    });
  }
}
