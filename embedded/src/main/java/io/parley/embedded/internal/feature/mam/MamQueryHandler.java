package io.parley.embedded.internal.feature.mam;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchivedMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;

/**
 * Archive queries (XEP-0313 §4) and the query form (§4.1.5). Results go to the requesting
 * resource as messages, then the IQ result carries the XEP-0059 set in {@code <fin/>}.
 *
 * <pre>{@code
 * C: <iq type='set' id='q1'><query xmlns='urn:xmpp:mam:2' queryid='f27'/></iq>
 * S: <message from='juliet@example.com' to='juliet@example.com/balcony'>
 *      <result xmlns='urn:xmpp:mam:2' queryid='f27' id='Xq2…'><forwarded xmlns='urn:xmpp:forward:0'>
 *        <delay xmlns='urn:xmpp:delay' stamp='2026-11-25T19:08:25.123Z'/><message …/>…
 * S: <iq type='result' id='q1'><fin xmlns='urn:xmpp:mam:2' complete='true'>
 *      <set xmlns='http://jabber.org/protocol/rsm'><first>Xq2…</first><last>…</last></set></fin></iq>
 * }</pre>
 */
final class MamQueryHandler implements IqHandler {
  private final Archives archives;
  private final SessionRegistry sessions;
  private final int maxPageSize;

  @Inject
  MamQueryHandler(Archives archives, SessionRegistry sessions, ServerConfig config) {
    this.archives = archives;
    this.sessions = sessions;
    this.maxPageSize = config.archiveMaxPageSize();
  }

  @Override
  public String namespace() {
    return Mam.NAMESPACE;
  }

  @Override
  public String element() {
    return "query";
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.ACCOUNT);
  }

  @Override
  public Set<String> features() {
    // §8: advertised on the archiving JID, the user's bare JID.
    return Set.of(Mam.NAMESPACE, Mam.EXTENDED);
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    Jid owner = context.target();
    if (!owner.equals(context.sender().asBare())) {
      // §9.1: only the user reads their archive.
      return CompletableFuture.failedFuture(new StanzaErrorException(Condition.FORBIDDEN));
    }
    if (request.type() == Iq.Type.GET) {
      return CompletableFuture.completedFuture(request.result(form()));
    }
    QueryRequest q;
    try {
      q = QueryRequest.parse(request.payload(), maxPageSize);
    } catch (StanzaErrorException e) {
      return CompletableFuture.failedFuture(e);
    }
    return archives.inLane(owner, store -> {
      if (!q.ids().isEmpty()) {
        // §4.1.3: every requested id must exist; the store's ids filter ignores unknown ones.
        ArchiveQuery only = new ArchiveQuery(null, null, null, null, null,
            List.copyOf(q.ids()), null, null, false, q.ids().size());
        if (store.query(owner, only).messages().size() < q.ids().size()) {
          throw new NoSuchElementException("an id is not in the archive");
        }
      }
      return store.query(owner, q.query());
    }).handle((page, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof NoSuchElementException) {
          throw new StanzaErrorException(Condition.ITEM_NOT_FOUND);
        }
        throw failure instanceof CompletionException ce ? ce : new CompletionException(cause);
      }
      return answer(request, context.sender(), owner, q, page);
    });
  }

  private Iq answer(Iq request, Jid requester, Jid owner, QueryRequest q, ArchivePage page) {
    List<ArchivedMessage> messages = page.messages();
    Session session = sessions.find(requester);
    if (session != null) {
      List<ArchivedMessage> order = messages;
      if (q.flipPage()) {
        order = new ArrayList<>(messages);
        Collections.reverse(order);
      }
      for (ArchivedMessage m : order) {
        // Each result before the IQ result, into the requester's mailbox, in order (§4.2).
        if (!session.deliver(result(requester, owner, q.queryId(), m))) {
          throw new StanzaErrorException(Condition.RESOURCE_CONSTRAINT);
        }
      }
    }
    Element.Builder set = Element.builder("set", Mam.RSM);
    if (!messages.isEmpty()) {
      set.child(Element.builder("first", Mam.RSM).text(messages.get(0).id()).build());
      set.child(Element.builder("last", Mam.RSM)
          .text(messages.get(messages.size() - 1).id()).build());
    }
    Element fin = Element.builder("fin", Mam.NAMESPACE)
        .attribute("queryid", q.queryId())
        .attribute("complete", page.complete() ? "true" : null)
        .child(set.build())
        .build();
    return request.result(fin);
  }

  private static Message result(Jid to, Jid owner, String queryId, ArchivedMessage m) {
    Element forwarded = Element.builder("forwarded", Mam.FORWARD)
        .child(Element.builder("delay", Mam.DELAY)
            .attribute("stamp", Mam.stamp(m.timestamp()))
            .build())
        .child(m.message().toElement())
        .build();
    Element result = Element.builder("result", Mam.NAMESPACE)
        .attribute("queryid", queryId)
        .attribute("id", m.id())
        .child(forwarded)
        .build();
    return new Message(to, owner, null, Message.Type.NORMAL, null, List.of(result));
  }

  /** §4.1.5: the fields this server supports. */
  private static Element form() {
    Element.Builder x = Element.builder("x", Mam.DATA).attribute("type", "form");
    x.child(Element.builder("field", Mam.DATA)
        .attribute("type", "hidden")
        .attribute("var", "FORM_TYPE")
        .child(Element.builder("value", Mam.DATA).text(Mam.NAMESPACE).build())
        .build());
    x.child(field("jid-single", "with"));
    x.child(field("text-single", "start"));
    x.child(field("text-single", "end"));
    x.child(field("text-single", "before-id"));
    x.child(field("text-single", "after-id"));
    x.child(Element.builder("field", Mam.DATA)
        .attribute("type", "list-multi")
        .attribute("var", "ids")
        .child(Element.builder("validate", Mam.XDATA_VALIDATE)
            .attribute("datatype", "xs:string")
            .child(Element.of("open", Mam.XDATA_VALIDATE))
            .build())
        .build());
    return Element.builder("query", Mam.NAMESPACE).child(x.build()).build();
  }

  private static Element field(String type, String var) {
    return Element.builder("field", Mam.DATA).attribute("type", type).attribute("var", var)
        .build();
  }
}
