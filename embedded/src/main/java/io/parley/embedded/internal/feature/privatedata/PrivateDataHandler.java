package io.parley.embedded.internal.feature.privatedata;

import io.parley.embedded.internal.di.Blocking;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.XmlStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.inject.Inject;

/**
 * Stores and returns XML fragments for the user's own account, each under its element name and
 * namespace (XEP-0049 §2).
 *
 * <pre>{@code
 * C: <iq type='get' id='p1'><query xmlns='jabber:iq:private'><prefs xmlns='x:prefs'/></query></iq>
 * S: <iq type='result' id='p1'><query xmlns='jabber:iq:private'><prefs xmlns='x:prefs'>…
 * }</pre>
 */
final class PrivateDataHandler implements IqHandler {
  private final XmlStore store;
  private final Executor blocking;

  @Inject
  PrivateDataHandler(XmlStore store, @Blocking Executor blocking) {
    this.store = store;
    this.blocking = blocking;
  }

  @Override
  public String namespace() {
    return PrivateData.NAMESPACE;
  }

  @Override
  public String element() {
    return PrivateData.ELEMENT;
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.ACCOUNT);
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    try {
      List<Element> fragments = validate(request, context);
      if (request.type() == Iq.Type.GET) {
        return CompletableFuture.supplyAsync(() -> get(request, context, fragments), blocking);
      }
      return CompletableFuture.supplyAsync(() -> set(request, context, fragments), blocking);
    } catch (StanzaErrorException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static List<Element> validate(Iq request, IqContext context) {
    // XEP-0049 §2.3, §5: only the user's own data (forbidden is the preferred condition).
    if (!context.target().equals(context.sender().asBare())) {
      throw new StanzaErrorException(Condition.FORBIDDEN);
    }
    List<Element> fragments = request.payload().elements();
    // XEP-0049 §2.3: at least one child element is required: not-acceptable without.
    if (fragments.isEmpty()) {
      throw new StanzaErrorException(Condition.NOT_ACCEPTABLE);
    }
    String namespace = fragments.get(0).namespace();
    Set<String> names = new HashSet<>();
    for (Element fragment : fragments) {
      // XEP-0049 §2.3: one namespace per request (a set or result may hold several elements of
      // it). Two elements of one name would share one storage key: refused as ambiguous.
      if (!fragment.namespace().equals(namespace) || !names.add(fragment.name())) {
        throw new StanzaErrorException(Condition.BAD_REQUEST);
      }
    }
    if (PrivateData.reserved(namespace)) {
      throw new StanzaErrorException(Condition.NOT_ACCEPTABLE);
    }
    return fragments;
  }

  private Iq get(Iq request, IqContext context, List<Element> fragments) {
    Element.Builder query = Element.builder(PrivateData.ELEMENT, PrivateData.NAMESPACE);
    for (Element wanted : fragments) {
      // Nothing stored: the empty element that was asked for, as existing servers answer.
      query.child(store.get(context.target(), PrivateData.key(wanted.namespace(), wanted.name()))
          .orElse(wanted));
    }
    return request.result(query.build());
  }

  private Iq set(Iq request, IqContext context, List<Element> fragments) {
    for (Element fragment : fragments) {
      String key = PrivateData.key(fragment.namespace(), fragment.name());
      // Storing an empty element is how clients clear their data: keep nothing for it.
      boolean empty = fragment.children().isEmpty() && fragment.attributeCount() == 0;
      store.put(context.target(), key, empty ? null : fragment);
    }
    return request.result();
  }
}
