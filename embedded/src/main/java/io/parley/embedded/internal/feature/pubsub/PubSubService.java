package io.parley.embedded.internal.feature.pubsub;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.router.LocalService;
import io.parley.embedded.internal.router.Router;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.PubSubNode;
import io.parley.spi.storage.PubSubStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XEP-0060 service at {@code pubsub.<domain>}: pub-sub IQs run on the service's lane; its
 * own disco#info and disco#items (nodes as items, §5.2); owners' answers to subscription
 * requests (§8.6); and the answers to the XEP-0115 queries {@link Caps} sends from this address.
 *
 * <pre>{@code
 * <iq type='set' to='pubsub.example.com' id='p1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>
 *   <publish node='princely_musings'><item id='i1'><entry xmlns='…'/></item></publish></pubsub></iq>
 * }</pre>
 */
@Singleton
final class PubSubService implements LocalService {
  private static final Logger log = LoggerFactory.getLogger(PubSubService.class);

  private final Jid jid;
  private final PubSubEngine engine;
  private final PubSubStore store;
  private final Lanes lanes;
  private final Caps caps;
  private final Provider<Router> router;

  @Inject
  PubSubService(ServerConfig config, PubSubEngine engine, PubSubStore store, Lanes lanes,
      Caps caps, Provider<Router> router) {
    this.jid = Jid.domain(config.pubSubDomain() != null ? config.pubSubDomain()
        : "pubsub." + config.domain().domain());
    this.engine = engine;
    this.store = store;
    this.lanes = lanes;
    this.caps = caps;
    this.router = router;
    engine.sender(this::send);
    caps.wire(jid, this::send, (session, features) -> {
      // New interest: the last items of the account's own nodes and of its contacts' nodes.
      Jid own = session.jid().asBare();
      lanes.of(own).execute(() -> engine.lastItemsForInterest(session, own));
      engine.contactsOf(own).thenAccept(contacts -> {
        for (Jid contact : contacts) {
          lanes.of(contact).execute(() -> engine.lastItemsForInterest(session, contact));
        }
      });
    });
  }

  Jid jid() {
    return jid;
  }

  @Override
  public String domain() {
    return jid.domain();
  }

  @Override
  public String name() {
    return "Publish-Subscribe";
  }

  private void send(Stanza s) {
    router.get().routeFromServer(s);
  }

  @Override
  public void receive(Stanza stanza) {
    if (stanza instanceof Iq iq) {
      if (!iq.isRequest()) {
        caps.response(iq);
      } else if (stanza.to().local() != null || stanza.to().resource() != null) {
        send(iq.errorReply(StanzaError.of(Condition.SERVICE_UNAVAILABLE)));
      } else {
        request(iq);
      }
    } else if (stanza instanceof Message m && m.type() != Message.Type.ERROR) {
      Element form = m.child("x", DataForm.NAMESPACE);
      if (form != null && "submit".equals(form.attribute("type"))
          && PubSub.SUBSCRIBE_AUTHORIZATION.equals(DataForm.formType(form))) {
        PubSubEngine.Ctx ctx = new PubSubEngine.Ctx(jid, false, m.from());
        lanes.of(jid).execute(() -> engine.authorize(ctx, DataForm.values(form)));
      }
    }
    // Presence to the service is tracked by the router as directed presence; nothing to do.
  }

  private void request(Iq iq) {
    Element payload = iq.payload();
    if (payload == null) {
      send(iq.errorReply(StanzaError.of(Condition.BAD_REQUEST)));
      return;
    }
    String ns = payload.namespace();
    CompletableFuture<Iq> reply;
    if (payload.name().equals("pubsub")
        && (ns.equals(PubSub.NAMESPACE) || ns.equals(PubSub.OWNER))) {
      PubSubEngine.Ctx ctx = new PubSubEngine.Ctx(jid, false, iq.from());
      reply = lanes.run(jid, () -> engine.handle(iq, ctx));
    } else if (payload.name().equals("command") && ns.equals(PubSub.COMMANDS)) {
      PubSubEngine.Ctx ctx = new PubSubEngine.Ctx(jid, false, iq.from());
      reply = lanes.run(jid, () -> engine.getPending(iq, ctx));
    } else if (payload.name().equals("query") && ns.equals(PubSub.DISCO_INFO)
        && iq.type() == Iq.Type.GET) {
      reply = lanes.run(jid, () -> discoInfo(iq, payload.attribute("node")));
    } else if (payload.name().equals("query") && ns.equals(PubSub.DISCO_ITEMS)
        && iq.type() == Iq.Type.GET) {
      reply = lanes.run(jid, () -> discoItems(iq, payload.attribute("node")));
    } else {
      send(iq.errorReply(StanzaError.of(Condition.SERVICE_UNAVAILABLE)));
      return;
    }
    reply.whenComplete((result, failure) -> send(failure == null ? result
        : iq.errorReply(errorFor(failure))));
  }

  static StanzaError errorFor(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof StanzaErrorException se) {
      return se.error();
    }
    log.warn("pub-sub request failed", cause);
    return StanzaError.of(Condition.INTERNAL_SERVER_ERROR);
  }

  // XEP-0060 §5.1 and §5.3: the service's features, or one node's identity and meta-data.
  private Iq discoInfo(Iq iq, String node) {
    Element.Builder q = Element.builder("query", PubSub.DISCO_INFO);
    if (node == null) {
      q.child(Element.builder("identity", PubSub.DISCO_INFO).attribute("category", "pubsub")
          .attribute("type", "service").attribute("name", name()).build());
      for (String f : Features.service()) {
        q.child(Element.builder("feature", PubSub.DISCO_INFO).attribute("var", f).build());
      }
      q.child(Element.builder("feature", PubSub.DISCO_INFO).attribute("var", PubSub.COMMANDS)
          .build());
      return iq.result(q.build());
    }
    PubSubNode n = store.node(jid, node)
        .orElseThrow(() -> PubSub.error(Condition.ITEM_NOT_FOUND));
    q.attribute("node", node);
    q.child(Element.builder("identity", PubSub.DISCO_INFO).attribute("category", "pubsub")
        .attribute("type", "leaf").build());
    q.child(Element.builder("feature", PubSub.DISCO_INFO).attribute("var", PubSub.NAMESPACE)
        .build());
    NodeConfig cfg = new NodeConfig(n.config(), Integer.MAX_VALUE);
    q.child(DataForm.builder("result", PubSub.META_DATA)
        .field("pubsub#title", "text-single", null, java.util.List.of(cfg.value("pubsub#title")),
            java.util.List.of())
        .field("pubsub#type", "text-single", null, java.util.List.of(cfg.value("pubsub#type")),
            java.util.List.of())
        .field("pubsub#access_model", "list-single", null,
            java.util.List.of(cfg.accessModel()), java.util.List.of())
        .build());
    return iq.result(q.build());
  }

  // §5.2: nodes as items of the service (a flat hierarchy: no collections).
  private Iq discoItems(Iq iq, String node) {
    Element.Builder q = Element.builder("query", PubSub.DISCO_ITEMS);
    if (PubSub.COMMANDS.equals(node)) {
      // XEP-0050 §2.2: the service's one command (§8.7).
      return iq.result(q.attribute("node", node).child(Element.builder("item", PubSub.DISCO_ITEMS)
          .attribute("jid", jid.toString()).attribute("node", PubSub.GET_PENDING)
          .attribute("name", "Get pending subscriptions").build()).build());
    }
    if (node == null) {
      for (PubSubNode n : store.nodes(jid)) {
        q.child(Element.builder("item", PubSub.DISCO_ITEMS).attribute("jid", jid.toString())
            .attribute("node", n.node()).build());
      }
    } else {
      // §5.5: a leaf node's items, by id.
      PubSubNode n = store.node(jid, node)
          .orElseThrow(() -> PubSub.error(Condition.ITEM_NOT_FOUND));
      q.attribute("node", node);
      for (var item : engine.liveItems(jid, n)) {
        q.child(Element.builder("item", PubSub.DISCO_ITEMS).attribute("jid", jid.toString())
            .attribute("name", item.id()).build());
      }
    }
    return iq.result(q.build());
  }
}
