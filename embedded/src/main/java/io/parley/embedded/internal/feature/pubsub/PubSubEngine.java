package io.parley.embedded.internal.feature.pubsub;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.feature.roster.Rosters;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.pubsub.NodeAccessPolicy;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.PubSubAffiliation;
import io.parley.spi.storage.PubSubItem;
import io.parley.spi.storage.PubSubNode;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.PubSubSubscription;
import io.parley.spi.storage.PubSubSubscription.State;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XEP-0060 use cases on one service: the pub-sub domain or, for PEP (XEP-0163), an account.
 * Every method runs on the service's lane of the blocking executor (see {@link Lanes}), so the
 * operations on one service never interleave; store, roster and host calls may block here.
 * Errors are thrown as {@link io.parley.spi.handler.StanzaErrorException}s with the condition
 * and pub-sub error element the XEP names for the case.
 */
@Singleton
final class PubSubEngine {
  private static final Logger log = LoggerFactory.getLogger(PubSubEngine.class);

  private final PubSubStore store;
  private final Rosters rosters;
  private final Notifier notifier;
  private final SessionRegistry sessions;
  private final Interest interest;
  private final NodeAccessPolicy policy;
  private final Clock clock;
  private final int maxItems;
  private final int maxPayloadBytes;
  private final String domain;
  private final int maxSubscriptionsPerJid;
  private final int maxNodesPerOwner;

  /** Who gets PEP notifications through XEP-0115 interest (+notify), and who shares presence. */
  interface Interest {
    /** Whether the session's client announced {@code node+notify}. */
    boolean notifies(Session session, String node);
  }

  @Inject
  PubSubEngine(PubSubStore store, Rosters rosters, Notifier notifier, SessionRegistry sessions,
      Interest interest, ServerConfig config, Clock clock) {
    this.store = store;
    this.rosters = rosters;
    this.notifier = notifier;
    this.sessions = sessions;
    this.interest = interest;
    this.policy = config.nodeAccessPolicy();
    this.clock = clock;
    this.maxItems = config.pubSubMaxItems();
    this.maxPayloadBytes = config.maxStanzaBytes();
    this.domain = config.domain().domain();
    this.maxSubscriptionsPerJid = config.pubSubMaxSubscriptionsPerJid();
    this.maxNodesPerOwner = config.pubSubMaxNodesPerOwner();
  }

  /** One request's circumstances. */
  record Ctx(Jid service, boolean pep, Jid requester) {
    Jid bare() {
      return requester.asBare();
    }
  }

  // ---- dispatch

  /** Answers a pub-sub IQ (payload {@code pubsub} in the pubsub or pubsub#owner namespace). */
  Iq handle(Iq request, Ctx ctx) {
    try {
      return dispatch(request, ctx);
    } catch (PubSub.PartialFailure e) {
      return new Iq(request.from(), request.to(), request.id(), Iq.Type.ERROR, request.lang(),
          List.of(e.payload(), e.error().toElement(io.parley.spi.stanza.Stanza.CLIENT_NAMESPACE)));
    }
  }

  private Iq dispatch(Iq request, Ctx ctx) {
    Element ps = request.payload();
    List<Element> children = ps.elements();
    if (children.isEmpty()) {
      throw PubSub.error(Condition.BAD_REQUEST);
    }
    Element op = children.get(0);
    boolean set = request.type() == Iq.Type.SET;
    Element result;
    if (ps.namespace().equals(PubSub.NAMESPACE)) {
      result = switch (op.name()) {
        case "create" -> requireSet(set, () -> create(ctx, op, sibling(children, "configure")));
        case "publish" -> requireSet(set, () -> publish(ctx, op,
            sibling(children, "publish-options")));
        case "retract" -> requireSet(set, () -> retract(ctx, op));
        case "subscribe" -> requireSet(set, () -> subscribe(ctx, op, sibling(children, "options")));
        case "unsubscribe" -> requireSet(set, () -> unsubscribe(ctx, op));
        case "options" -> set ? setOptions(ctx, op) : getOptions(ctx, op);
        case "items" -> requireGet(set, () -> items(ctx, op));
        case "subscriptions" -> requireGet(set, () -> ownSubscriptions(ctx, op));
        case "affiliations" -> requireGet(set, () -> ownAffiliations(ctx, op));
        case "default" -> requireGet(set, () -> subscribeDefaults());
        default -> throw PubSub.error(Condition.FEATURE_NOT_IMPLEMENTED);
      };
    } else {
      result = switch (op.name()) {
        case "configure" -> set ? configure(ctx, op) : configuration(ctx, op);
        case "default" -> requireGet(set, () -> defaultConfig(ctx));
        case "delete" -> requireSet(set, () -> delete(ctx, op));
        case "purge" -> requireSet(set, () -> purge(ctx, op));
        case "subscriptions" -> set ? setSubscriptions(ctx, op) : subscriptions(ctx, op);
        case "affiliations" -> set ? setAffiliations(ctx, op) : affiliations(ctx, op);
        default -> throw PubSub.error(Condition.FEATURE_NOT_IMPLEMENTED);
      };
    }
    return result == null ? request.result() : request.result(result);
  }

  private interface Op {
    Element run();
  }

  private static Element requireSet(boolean set, Op op) {
    if (!set) {
      throw PubSub.error(Condition.BAD_REQUEST);
    }
    return op.run();
  }

  private static Element requireGet(boolean set, Op op) {
    if (set) {
      throw PubSub.error(Condition.BAD_REQUEST);
    }
    return op.run();
  }

  private static Element sibling(List<Element> children, String name) {
    for (int i = 1; i < children.size(); i++) {
      if (children.get(i).name().equals(name)) {
        return children.get(i);
      }
    }
    return null;
  }

  private static Element pubsub(String namespace, Element child) {
    return Element.builder("pubsub", namespace).child(child).build();
  }

  // ---- nodes

  private static String nodeName(Element op) {
    String node = op.attribute("node");
    if (node == null || node.isEmpty()) {
      throw PubSub.error(Condition.BAD_REQUEST, "nodeid-required");
    }
    return node;
  }

  private PubSubNode existing(Ctx ctx, String node) {
    return store.node(ctx.service(), node)
        .orElseThrow(() -> PubSub.error(Condition.ITEM_NOT_FOUND));
  }

  private NodeConfig config(PubSubNode node) {
    return new NodeConfig(node.config(), maxItems);
  }

  private PubSubAffiliation affiliation(Ctx ctx, PubSubNode node, Jid who) {
    Jid bare = who.asBare();
    if (ctx.pep() && bare.equals(ctx.service())) {
      return PubSubAffiliation.OWNER; // the account owns its PEP nodes (XEP-0163 §3)
    }
    return store.affiliations(ctx.service(), node.node())
        .getOrDefault(bare, PubSubAffiliation.NONE);
  }

  private Jid owner(Ctx ctx, PubSubNode node) {
    if (ctx.pep()) {
      return ctx.service();
    }
    for (Map.Entry<Jid, PubSubAffiliation> e
        : store.affiliations(ctx.service(), node.node()).entrySet()) {
      if (e.getValue() == PubSubAffiliation.OWNER) {
        return e.getKey();
      }
    }
    return node.creator();
  }

  // §8.1: create, instant (no name) or named, optionally configured.
  private Element create(Ctx ctx, Element op, Element configure) {
    if (ctx.pep() ? !ctx.bare().equals(ctx.service())
        : !ctx.requester().domain().equals(domain)) {
      throw PubSub.error(Condition.FORBIDDEN); // §8.1.3.2: not allowed to create nodes
    }
    String name = op.attribute("node");
    boolean instant = name == null || name.isEmpty();
    if (instant) {
      if (ctx.pep()) {
        throw PubSub.error(Condition.NOT_ACCEPTABLE, "nodeid-required"); // §8.1.3.5
      }
      name = UUID.randomUUID().toString();
    }
    Map<String, List<String>> config = NodeConfig.defaults(ctx.pep(), maxItems);
    Element form = configure == null ? null : configure.child("x", DataForm.NAMESPACE);
    if (form != null && !"cancel".equals(form.attribute("type"))) {
      config = NodeConfig.apply(config, DataForm.values(form), maxItems);
    }
    createNode(ctx, name, config);
    return instant ? pubsub(PubSub.NAMESPACE,
        Element.builder("create", PubSub.NAMESPACE).attribute("node", name).build()) : null;
  }

  private PubSubNode createNode(Ctx ctx, String name, Map<String, List<String>> config) {
    List<PubSubNode> nodes = store.nodes(ctx.service());
    long owned = ctx.pep() ? nodes.size()
        : nodes.stream().filter(n -> ctx.bare().equals(n.creator())).count();
    if (owned >= maxNodesPerOwner && nodes.stream().noneMatch(n -> n.node().equals(name))) {
      // A local policy limit, signalled like too-many-subscriptions (§6.1.3.9).
      throw PubSub.error(Condition.POLICY_VIOLATION, "max-nodes-exceeded");
    }
    PubSubNode node = new PubSubNode(ctx.service(), name, ctx.bare(), clock.instant(), config);
    if (!store.createNode(node)) {
      throw PubSub.error(Condition.CONFLICT); // §8.1.3.4: the node exists
    }
    if (!ctx.pep()) {
      store.setAffiliation(ctx.service(), name, ctx.bare(), PubSubAffiliation.OWNER);
    }
    return node;
  }

  // §8.2: configuration form.
  private Element configuration(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    requireOwner(ctx, node);
    return pubsub(PubSub.OWNER, Element.builder("configure", PubSub.OWNER)
        .attribute("node", name).child(config(node).form()).build());
  }

  private Element configure(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    requireOwner(ctx, node);
    Element form = op.child("x", DataForm.NAMESPACE);
    if (form == null) {
      throw PubSub.error(Condition.BAD_REQUEST);
    }
    if ("cancel".equals(form.attribute("type"))) {
      return null; // §8.2.6
    }
    Map<String, List<String>> next = NodeConfig.apply(node.config(), DataForm.values(form),
        maxItems);
    store.updateNode(node.withConfig(next));
    NodeConfig cfg = new NodeConfig(next, maxItems);
    if (cfg.flag(NodeConfig.NOTIFY_CONFIG)) { // §8.2.5
      Element.Builder c = Element.builder("configuration", PubSub.EVENT).attribute("node", name);
      if (cfg.deliverPayloads()) {
        c.child(cfg.form().withAttribute("type", "result"));
      }
      notifySubscribers(ctx, node, cfg, List.of(c.build()));
    }
    return null;
  }

  private Element defaultConfig(Ctx ctx) {
    NodeConfig cfg = new NodeConfig(NodeConfig.defaults(ctx.pep(), maxItems), maxItems);
    return pubsub(PubSub.OWNER, Element.builder("default", PubSub.OWNER).child(cfg.form())
        .build());
  }

  // §8.4
  private Element delete(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    requireOwner(ctx, node);
    NodeConfig cfg = config(node);
    List<PubSubSubscription> subs = store.subscriptions(ctx.service(), name);
    store.deleteNode(ctx.service(), name);
    if (cfg.flag(NodeConfig.NOTIFY_DELETE)) {
      Element.Builder d = Element.builder("delete", PubSub.EVENT).attribute("node", name);
      Element redirect = op.child("redirect", PubSub.OWNER);
      if (redirect != null && redirect.attribute("uri") != null) {
        d.child(Element.builder("redirect", PubSub.EVENT)
            .attribute("uri", redirect.attribute("uri")).build());
      }
      notify(ctx, node, cfg, subs, List.of(d.build()));
    }
    return null;
  }

  // §8.5
  private Element purge(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    requireOwner(ctx, node);
    NodeConfig cfg = config(node);
    if (!cfg.persistItems()) {
      throw PubSub.unsupported("persistent-items");
    }
    store.purge(ctx.service(), name);
    notifySubscribers(ctx, node, cfg,
        List.of(Element.builder("purge", PubSub.EVENT).attribute("node", name).build()));
    return null;
  }

  private void requireOwner(Ctx ctx, PubSubNode node) {
    if (affiliation(ctx, node, ctx.requester()) != PubSubAffiliation.OWNER) {
      throw PubSub.error(Condition.FORBIDDEN);
    }
  }

  // ---- publish and retract (§7.1, §7.2)

  private Element publish(Ctx ctx, Element op, Element publishOptions) {
    String name = nodeName(op);
    List<Element> items = op.elements();
    if (items.size() > 1) {
      throw PubSub.error(Condition.BAD_REQUEST, "invalid-payload");
    }
    Element item = items.isEmpty() ? null : items.get(0);
    if (item != null && !item.name().equals("item")) {
      throw PubSub.error(Condition.BAD_REQUEST);
    }
    Map<String, List<String>> options = null;
    if (publishOptions != null) {
      Element form = publishOptions.child("x", DataForm.NAMESPACE);
      if (form != null) {
        options = DataForm.values(form);
        options.remove("FORM_TYPE");
      }
    }
    Optional<PubSubNode> found = store.node(ctx.service(), name);
    PubSubNode node;
    if (found.isPresent()) {
      node = found.get();
    } else if (ctx.pep() && ctx.bare().equals(ctx.service())) {
      // XEP-0163 §3: the owner's publish creates the node, configured by the publish options.
      Map<String, List<String>> config = NodeConfig.defaults(true, maxItems);
      if (options != null) {
        try {
          config = NodeConfig.apply(config, options, maxItems);
        } catch (io.parley.spi.handler.StanzaErrorException e) {
          throw PubSub.error(Condition.CONFLICT, "precondition-not-met");
        }
      }
      node = createNode(ctx, name, config);
    } else {
      throw PubSub.error(Condition.ITEM_NOT_FOUND);
    }
    NodeConfig cfg = config(node);
    if (options != null) {
      preconditions(cfg, options);
    }
    requirePublisher(ctx, node, cfg);
    Element payload = null;
    String id = null;
    if (item != null) {
      List<Element> payloads = item.elements();
      if (payloads.size() > 1) {
        throw PubSub.error(Condition.BAD_REQUEST, "invalid-payload");
      }
      payload = payloads.isEmpty() ? null : payloads.get(0);
      id = item.attribute("id");
    }
    boolean persistent = cfg.persistItems();
    if (!persistent && !cfg.deliverPayloads() && item != null) {
      throw PubSub.error(Condition.BAD_REQUEST, "item-forbidden");
    }
    if (persistent && item == null) {
      throw PubSub.error(Condition.BAD_REQUEST, "item-required");
    }
    if (cfg.deliverPayloads() && payload == null) {
      throw PubSub.error(Condition.BAD_REQUEST, "payload-required");
    }
    if (id == null || id.isEmpty()) {
      id = item == null ? null : UUID.randomUUID().toString();
    }
    publishItem(ctx, node, cfg, id, payload);
    if (id == null) {
      return null;
    }
    return pubsub(PubSub.NAMESPACE, Element.builder("publish", PubSub.NAMESPACE)
        .attribute("node", name)
        .child(Element.builder("item", PubSub.NAMESPACE).attribute("id", id).build()).build());
  }

  /** Stores (if persistent) and notifies; also the host API's publish. */
  void publishItem(Ctx ctx, PubSubNode node, NodeConfig cfg, String id, Element payload) {
    if (payload != null && payloadBytes(payload) > maxPayloadBytes) {
      throw PubSub.error(Condition.NOT_ACCEPTABLE, "payload-too-big");
    }
    if (id != null) {
      // A transient node keeps its last item only, for send_last_published_item (§4.3).
      PubSubItem stored = new PubSubItem(id, ctx.bare(), clock.instant(), payload);
      store.publish(ctx.service(), node.node(), stored, cfg.persistItems() ? cfg.maxItems() : 1);
      published.item(ctx.service(), node.node(), stored);
    }
    if (!cfg.deliverNotifications()) {
      return;
    }
    Element.Builder items = Element.builder("items", PubSub.EVENT).attribute("node", node.node());
    if (id != null) {
      items.child(itemElement(PubSub.EVENT, id, cfg.deliverPayloads() ? payload : null));
    }
    notifySubscribers(ctx, node, cfg, List.of(items.build()));
  }

  /**
   * {@code items} without those older than the node's {@code pubsub#item_expire}, which are
   * purged from the store as they are met (no retraction is notified, as in Prosody).
   */
  private List<PubSubItem> live(Jid service, PubSubNode node, NodeConfig cfg,
      List<PubSubItem> items) {
    java.time.Duration ttl = cfg.itemExpire();
    if (ttl == null) {
      return items;
    }
    java.time.Instant cutoff = clock.instant().minus(ttl);
    List<PubSubItem> alive = new ArrayList<>(items.size());
    for (PubSubItem item : items) {
      if (item.published().isBefore(cutoff)) {
        store.retract(service, node.node(), item.id());
      } else {
        alive.add(item);
      }
    }
    return alive;
  }

  /** A node's unexpired items, newest first (for disco#items, §5.5). */
  List<PubSubItem> liveItems(Jid service, PubSubNode node) {
    return live(service, node, config(node), store.items(service, node.node(),
        Integer.MAX_VALUE));
  }

  // A cheap bound: the text and attribute lengths of the payload tree.
  private static int payloadBytes(Element e) {
    int n = e.name().length() * 2 + 5;
    for (int i = 0; i < e.attributeCount(); i++) {
      n += e.attributeName(i).length() + e.attributeValue(i).length() + 4;
    }
    for (var child : e.children()) {
      n += child instanceof Element c ? payloadBytes(c)
          : ((io.parley.spi.stanza.Text) child).value().length();
    }
    return n;
  }

  private static Element itemElement(String namespace, String id, Element payload) {
    Element.Builder b = Element.builder("item", namespace).attribute("id", id);
    if (payload != null) {
      b.child(payload);
    }
    return b.build();
  }

  // §7.1.5: each publish option must equal the node's configuration.
  private static void preconditions(NodeConfig cfg, Map<String, List<String>> options) {
    for (Map.Entry<String, List<String>> e : options.entrySet()) {
      List<String> want = e.getValue();
      List<String> have = cfg.values(e.getKey());
      boolean same = want.equals(have) || (want.size() == 1 && have.size() == 1
          && DataForm.bool(want.get(0)) != null
          && DataForm.bool(want.get(0)).equals(DataForm.bool(have.get(0))));
      if (!same) {
        throw PubSub.error(Condition.CONFLICT, "precondition-not-met");
      }
    }
  }

  private void requirePublisher(Ctx ctx, PubSubNode node, NodeConfig cfg) {
    PubSubAffiliation a = affiliation(ctx, node, ctx.requester());
    if (a == PubSubAffiliation.OUTCAST) {
      throw PubSub.error(Condition.FORBIDDEN);
    }
    NodeAccessPolicy.Decision d = decide(ctx, node, NodeAccessPolicy.Action.PUBLISH);
    if (d == NodeAccessPolicy.Decision.ALLOW) {
      return;
    }
    if (d == NodeAccessPolicy.Decision.DENY) {
      throw PubSub.error(Condition.FORBIDDEN);
    }
    boolean may = switch (a) {
      case OWNER, PUBLISHER, PUBLISH_ONLY -> true;
      default -> switch (cfg.publishModel()) {
        case "open" -> true;
        case "subscribers" -> isSubscribed(ctx, node, ctx.requester());
        default -> false;
      };
    };
    if (!may) {
      throw PubSub.error(Condition.FORBIDDEN); // §7.1.3.1
    }
  }

  private boolean isSubscribed(Ctx ctx, PubSubNode node, Jid who) {
    for (PubSubSubscription s : store.subscriptions(ctx.service(), node.node())) {
      if (s.jid().asBare().equals(who.asBare()) && s.state() == State.SUBSCRIBED) {
        return true;
      }
    }
    return false;
  }

  private NodeAccessPolicy.Decision decide(Ctx ctx, PubSubNode node,
      NodeAccessPolicy.Action action) {
    if (policy == null) {
      return NodeAccessPolicy.Decision.DEFAULT;
    }
    try {
      NodeAccessPolicy.Decision d = policy.decide(ctx.service(), node.node(), ctx.bare(), action);
      return d == null ? NodeAccessPolicy.Decision.DEFAULT : d;
    } catch (RuntimeException e) {
      log.warn("node access policy failed; access denied", e);
      return NodeAccessPolicy.Decision.DENY;
    }
  }

  private Element retract(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    NodeConfig cfg = config(node);
    PubSubAffiliation a = affiliation(ctx, node, ctx.requester());
    if (a != PubSubAffiliation.OWNER && a != PubSubAffiliation.PUBLISHER
        && a != PubSubAffiliation.PUBLISH_ONLY) {
      throw PubSub.error(Condition.FORBIDDEN); // §7.2.3.1
    }
    Element item = op.child("item", PubSub.NAMESPACE);
    String id = item == null ? null : item.attribute("id");
    if (id == null || id.isEmpty()) {
      throw PubSub.error(Condition.BAD_REQUEST, "item-required"); // §7.2.3.3
    }
    if (!cfg.persistItems()) {
      throw PubSub.unsupported("persistent-items"); // §7.2.3.5
    }
    if (!store.retract(ctx.service(), name, id)) {
      throw PubSub.error(Condition.ITEM_NOT_FOUND); // §7.2.3.4
    }
    String notify = op.attribute("notify");
    boolean send = notify == null ? cfg.flag(NodeConfig.NOTIFY_RETRACT)
        : Boolean.TRUE.equals(DataForm.bool(notify));
    if (send && cfg.deliverNotifications()) {
      notifySubscribers(ctx, node, cfg, List.of(Element.builder("items", PubSub.EVENT)
          .attribute("node", name)
          .child(Element.builder("retract", PubSub.EVENT).attribute("id", id).build())
          .build()));
    }
    return null;
  }

  // ---- access (§4.5) for subscribe and retrieve

  /**
   * Throws the error the node's access model gives the requester, or returns whether the
   * requester must wait for the owner's approval (authorize model, subscribe only).
   */
  private boolean checkAccess(Ctx ctx, PubSubNode node, NodeConfig cfg, boolean subscribing) {
    PubSubAffiliation a = affiliation(ctx, node, ctx.requester());
    if (a == PubSubAffiliation.OUTCAST) {
      throw PubSub.error(Condition.FORBIDDEN); // §6.1.3.8
    }
    NodeAccessPolicy.Decision d = decide(ctx, node,
        NodeAccessPolicy.Action.SUBSCRIBE_OR_RETRIEVE);
    if (d == NodeAccessPolicy.Decision.ALLOW) {
      return false;
    }
    if (d == NodeAccessPolicy.Decision.DENY) {
      throw PubSub.error(Condition.FORBIDDEN);
    }
    if (a == PubSubAffiliation.OWNER || a == PubSubAffiliation.PUBLISHER
        || a == PubSubAffiliation.MEMBER) {
      return false;
    }
    switch (cfg.accessModel()) {
      case "open":
        return false;
      case "presence":
        RosterItem item = rosterItem(owner(ctx, node), ctx.bare());
        if (item == null || !item.subscription().hasFrom()) {
          throw PubSub.error(Condition.NOT_AUTHORIZED, "presence-subscription-required");
        }
        return false;
      case "roster":
        RosterItem r = rosterItem(owner(ctx, node), ctx.bare());
        Set<String> allowed = new HashSet<>(cfg.values(NodeConfig.ROSTER_GROUPS));
        if (r == null || r.groups().stream().noneMatch(allowed::contains)) {
          throw PubSub.error(Condition.NOT_AUTHORIZED, "not-in-roster-group");
        }
        return false;
      case "authorize":
        if (subscribing) {
          return true;
        }
        if (!isSubscribed(ctx, node, ctx.requester())) {
          throw PubSub.error(Condition.NOT_AUTHORIZED, "not-subscribed"); // §6.5.9.3
        }
        return false;
      default: // whitelist
        throw PubSub.error(Condition.NOT_ALLOWED, "closed-node");
    }
  }

  private RosterItem rosterItem(Jid owner, Jid contact) {
    if (owner == null || !owner.domain().equals(domain) || owner.local() == null) {
      return null;
    }
    return rosters.item(owner, contact).toCompletableFuture().join().orElse(null);
  }

  // ---- subscribe, unsubscribe, options (§6.1–§6.4)

  private Element subscribe(Ctx ctx, Element op, Element optionsEl) {
    String name = nodeName(op);
    Jid jid = jidAttribute(op);
    if (!jid.asBare().equals(ctx.bare())) {
      throw PubSub.error(Condition.BAD_REQUEST, "invalid-jid"); // §6.1.3.1
    }
    PubSubNode node = existing(ctx, name);
    NodeConfig cfg = config(node);
    if (!cfg.flag(NodeConfig.SUBSCRIBE)) {
      throw PubSub.unsupported("subscribe"); // §6.1.3.10
    }
    boolean pending = checkAccess(ctx, node, cfg, true);
    Map<String, List<String>> options = Map.of();
    if (optionsEl != null && optionsEl.child("x", DataForm.NAMESPACE) != null) {
      options = subscribeOptions(optionsEl.child("x", DataForm.NAMESPACE));
    }
    List<PubSubSubscription> same = store.subscriptions(ctx.service(), name, jid);
    for (PubSubSubscription s : same) {
      if (s.state() == State.PENDING) {
        throw PubSub.error(Condition.NOT_AUTHORIZED, "pending-subscription"); // §6.1.3.7
      }
    }
    for (PubSubSubscription s : same) {
      if (effective(s.options()).equals(effective(options))) {
        return subscriptionResult(s); // §6.1.6: the same subscription again, as if approved
      }
    }
    // §6.1.6 multi-subscribe: other options make another subscription, up to a limit (§6.1.3.9).
    long held = store.subscriptions(ctx.service(), name).stream()
        .filter(s -> s.jid().asBare().equals(ctx.bare())).count();
    if (held >= maxSubscriptionsPerJid) {
      throw PubSub.error(io.parley.spi.stanza.StanzaError.Type.WAIT, Condition.POLICY_VIOLATION,
          "too-many-subscriptions");
    }
    PubSubSubscription sub = new PubSubSubscription(ctx.service(), name, jid,
        UUID.randomUUID().toString(), pending ? State.PENDING : State.SUBSCRIBED, options);
    store.putSubscription(sub);
    if (pending) {
      askOwners(ctx, node, sub);
    } else {
      notifyOwners(ctx, node, cfg, sub);
      sendLastItem(ctx, node, cfg, jid);
    }
    return subscriptionResult(sub);
  }

  // Subscription options with the defaults filled in and booleans in one spelling.
  private static Map<String, List<String>> effective(Map<String, List<String>> options) {
    Map<String, List<String>> e = new java.util.TreeMap<>();
    e.put("pubsub#deliver", List.of("1"));
    for (Map.Entry<String, List<String>> o : options.entrySet()) {
      List<String> v = o.getValue();
      Boolean b = v.size() == 1 ? DataForm.bool(v.get(0)) : null;
      e.put(o.getKey(), b == null ? v : List.of(b ? "1" : "0"));
    }
    return e;
  }

  private static Element subscriptionResult(PubSubSubscription s) {
    return pubsub(PubSub.NAMESPACE, subscriptionElement(PubSub.NAMESPACE, s, true));
  }

  private static Element subscriptionElement(String ns, PubSubSubscription s, boolean node) {
    Element.Builder b = Element.builder("subscription", ns);
    if (node) {
      b.attribute("node", s.node());
    }
    return b.attribute("jid", s.jid().toString()).attribute("subid", s.subId())
        .attribute("subscription", s.state().wireName()).build();
  }

  private static Jid jidAttribute(Element op) {
    String s = op.attribute("jid");
    if (s == null) {
      throw PubSub.error(Condition.BAD_REQUEST, "invalid-jid");
    }
    try {
      return Jid.of(s);
    } catch (RuntimeException e) {
      throw PubSub.error(Condition.BAD_REQUEST, "invalid-jid");
    }
  }

  private static Map<String, List<String>> subscribeOptions(Element form) {
    Map<String, List<String>> values = DataForm.values(form);
    List<String> type = values.remove("FORM_TYPE");
    if (type != null && !type.equals(List.of(PubSub.SUBSCRIBE_OPTIONS))) {
      throw PubSub.error(Condition.BAD_REQUEST, "invalid-options");
    }
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      if (e.getKey().equals("pubsub#deliver") && (e.getValue().size() != 1
          || DataForm.bool(e.getValue().get(0)) == null)) {
        throw PubSub.error(Condition.BAD_REQUEST, "invalid-options"); // §6.3.7
      }
    }
    return values;
  }

  /** The requester's one subscription to be acted on, with the §6.2.3 / §6.3.4 errors. */
  private PubSubSubscription ownSubscription(Ctx ctx, Element op, String name) {
    if (op.attribute("jid") == null) {
      throw PubSub.error(Condition.BAD_REQUEST, "jid-required"); // §6.3.4.3
    }
    Jid jid = jidAttribute(op);
    if (!jid.asBare().equals(ctx.bare())) {
      throw PubSub.error(Condition.FORBIDDEN); // §6.2.3.3
    }
    existing(ctx, name);
    String subId = op.attribute("subid");
    List<PubSubSubscription> mine = store.subscriptions(ctx.service(), name, jid);
    if (mine.isEmpty()) {
      throw PubSub.error(Condition.UNEXPECTED_REQUEST, "not-subscribed"); // §6.2.3.2
    }
    if (subId == null) {
      if (mine.size() > 1) {
        throw PubSub.error(Condition.BAD_REQUEST, "subid-required"); // §6.2.3.1
      }
      return mine.get(0);
    }
    for (PubSubSubscription s : mine) {
      if (s.subId().equals(subId)) {
        return s;
      }
    }
    throw PubSub.error(Condition.NOT_ACCEPTABLE, "invalid-subid"); // §6.2.3.5
  }

  private Element unsubscribe(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubSubscription s = ownSubscription(ctx, op, name);
    store.removeSubscription(ctx.service(), name, s.jid(), s.subId());
    PubSubNode node = existing(ctx, name);
    notifyOwners(ctx, node, config(node), s.withState(State.NONE));
    return null;
  }

  private Element getOptions(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubSubscription s = ownSubscription(ctx, op, name);
    List<String> deliver = s.options().getOrDefault("pubsub#deliver", List.of("1"));
    Element form = DataForm.builder("form", PubSub.SUBSCRIBE_OPTIONS)
        .field("pubsub#deliver", "boolean", "Enable delivery?", deliver, List.of()).build();
    return pubsub(PubSub.NAMESPACE, Element.builder("options", PubSub.NAMESPACE)
        .attribute("node", name).attribute("jid", s.jid().toString())
        .attribute("subid", s.subId()).child(form).build());
  }

  private Element setOptions(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubSubscription s = ownSubscription(ctx, op, name);
    Element form = op.child("x", DataForm.NAMESPACE);
    if (form == null) {
      throw PubSub.error(Condition.BAD_REQUEST, "invalid-options");
    }
    store.putSubscription(s.withOptions(subscribeOptions(form)));
    return null;
  }

  private Element subscribeDefaults() {
    return pubsub(PubSub.NAMESPACE, Element.builder("default", PubSub.NAMESPACE)
        .child(DataForm.builder("form", PubSub.SUBSCRIBE_OPTIONS)
            .field("pubsub#deliver", "boolean", "Enable delivery?", List.of("1"), List.of())
            .build()).build());
  }

  // ---- retrieve items (§6.5)

  private Element items(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    NodeConfig cfg = config(node);
    checkAccess(ctx, node, cfg, false);
    if (!cfg.persistItems()) {
      throw PubSub.unsupported("persistent-items"); // §6.5.9.6
    }
    // The requester's subscriptions: under its full JID or its bare JID (read by key, not by
    // scanning every subscriber of the node on each retrieval).
    List<PubSubSubscription> mine = new ArrayList<>(
        store.subscriptions(ctx.service(), name, ctx.requester()));
    if (ctx.requester().isFull()) {
      mine.addAll(store.subscriptions(ctx.service(), name, ctx.bare()));
    }
    String subId = op.attribute("subid");
    if (subId == null && mine.size() > 1) {
      throw PubSub.error(Condition.BAD_REQUEST, "subid-required"); // §6.5.9.1
    }
    if (subId != null && !mine.isEmpty()
        && mine.stream().noneMatch(s -> s.subId().equals(subId))) {
      throw PubSub.error(Condition.NOT_ACCEPTABLE, "invalid-subid"); // §6.5.9.2
    }
    List<PubSubItem> items;
    List<Element> wanted = op.elements();
    if (!wanted.isEmpty()) {
      items = new ArrayList<>();
      for (Element w : wanted) {
        String id = w.attribute("id");
        if (id != null) {
          store.item(ctx.service(), name, id).ifPresent(items::add);
        }
      }
      items = live(ctx.service(), node, cfg, items);
    } else {
      int max = Integer.MAX_VALUE;
      String m = op.attribute("max_items");
      if (m != null) {
        try {
          max = Integer.parseInt(m);
        } catch (NumberFormatException e) {
          throw PubSub.error(Condition.BAD_REQUEST);
        }
        if (max < 0) {
          throw PubSub.error(Condition.BAD_REQUEST);
        }
      }
      List<PubSubItem> newest = live(ctx.service(), node, cfg,
          store.items(ctx.service(), name, max));
      items = new ArrayList<>(newest.size());
      for (int i = newest.size() - 1; i >= 0; i--) {
        items.add(newest.get(i)); // oldest first, as published
      }
    }
    Element.Builder b = Element.builder("items", PubSub.NAMESPACE).attribute("node", name);
    for (PubSubItem item : items) {
      b.child(itemElement(PubSub.NAMESPACE, item.id(), item.payload()));
    }
    return pubsub(PubSub.NAMESPACE, b.build());
  }

  // ---- the requester's own subscriptions and affiliations (§5.6, §5.7)

  private Element ownSubscriptions(Ctx ctx, Element op) {
    String only = op.attribute("node");
    Element.Builder b = Element.builder("subscriptions", PubSub.NAMESPACE);
    if (only != null) {
      b.attribute("node", only);
    }
    for (PubSubNode node : store.nodes(ctx.service())) {
      if (only != null && !only.equals(node.node())) {
        continue;
      }
      for (PubSubSubscription s : store.subscriptions(ctx.service(), node.node())) {
        if (s.jid().asBare().equals(ctx.bare())) {
          b.child(subscriptionElement(PubSub.NAMESPACE, s, true));
        }
      }
    }
    return pubsub(PubSub.NAMESPACE, b.build());
  }

  private Element ownAffiliations(Ctx ctx, Element op) {
    String only = op.attribute("node");
    Element.Builder b = Element.builder("affiliations", PubSub.NAMESPACE);
    if (only != null) {
      b.attribute("node", only);
    }
    for (PubSubNode node : store.nodes(ctx.service())) {
      if (only != null && !only.equals(node.node())) {
        continue;
      }
      PubSubAffiliation a = affiliation(ctx, node, ctx.requester());
      if (a != PubSubAffiliation.NONE) {
        b.child(Element.builder("affiliation", PubSub.NAMESPACE).attribute("node", node.node())
            .attribute("affiliation", a.wireName()).build());
      }
    }
    return pubsub(PubSub.NAMESPACE, b.build());
  }

  // ---- owner: subscriptions and affiliations (§8.8, §8.9)

  private Element subscriptions(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    requireOwner(ctx, node);
    Element.Builder b = Element.builder("subscriptions", PubSub.OWNER).attribute("node", name);
    for (PubSubSubscription s : store.subscriptions(ctx.service(), name)) {
      b.child(subscriptionElement(PubSub.OWNER, s, false));
    }
    return pubsub(PubSub.OWNER, b.build());
  }

  // §8.8.2: each entry applied on its own; the invalid ones come back with their current state.
  private Element setSubscriptions(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    requireOwner(ctx, node);
    NodeConfig cfg = config(node);
    Element.Builder failed = Element.builder("subscriptions", PubSub.OWNER)
        .attribute("node", name);
    boolean anyFailed = false;
    for (Element e : op.elements()) {
      Jid jid;
      try {
        jid = jidAttribute(e);
      } catch (io.parley.spi.handler.StanzaErrorException bad) {
        failed.child(e);
        anyFailed = true;
        continue;
      }
      State next = null;
      for (State s : State.values()) {
        if (s.wireName().equals(e.attribute("subscription"))) {
          next = s;
        }
      }
      PubSubSubscription existing = null;
      String subId = e.attribute("subid");
      int matches = 0;
      for (PubSubSubscription s : store.subscriptions(ctx.service(), name, jid)) {
        if (subId == null || s.subId().equals(subId)) {
          existing = s;
          matches++;
        }
      }
      // Invalid: an unknown state, an unknown SubID, or no SubID for a JID holding several.
      if (next == null || next == State.UNCONFIGURED || (subId != null && existing == null)
          || matches > 1) {
        failed.child(Element.builder("subscription", PubSub.OWNER)
            .attribute("jid", jid.toString()).attribute("subid", subId)
            .attribute("subscription", existing == null ? "none"
                : existing.state().wireName()).build());
        anyFailed = true;
        continue;
      }
      PubSubSubscription after;
      if (next == State.NONE) {
        if (existing == null) {
          continue;
        }
        store.removeSubscription(ctx.service(), name, jid, existing.subId());
        after = existing.withState(State.NONE);
      } else if (existing != null) {
        if (existing.state() == next) {
          continue;
        }
        after = existing.withState(next);
        store.putSubscription(after);
      } else {
        after = new PubSubSubscription(ctx.service(), name, jid, UUID.randomUUID().toString(),
            next, Map.of());
        store.putSubscription(after);
      }
      tellSubscriber(ctx, after); // §8.8.4
      if (next == State.SUBSCRIBED) {
        sendLastItem(ctx, node, cfg, jid);
      }
    }
    if (anyFailed) {
      throw new PubSub.PartialFailure(io.parley.spi.stanza.StanzaError.of(
          Condition.NOT_ACCEPTABLE), pubsub(PubSub.OWNER, failed.build()));
    }
    return null;
  }

  private Element affiliations(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    requireOwner(ctx, node);
    Element.Builder b = Element.builder("affiliations", PubSub.OWNER).attribute("node", name);
    Map<Jid, PubSubAffiliation> all = store.affiliations(ctx.service(), name);
    if (ctx.pep()) {
      b.child(Element.builder("affiliation", PubSub.OWNER)
          .attribute("jid", ctx.service().toString()).attribute("affiliation", "owner").build());
    }
    for (Map.Entry<Jid, PubSubAffiliation> e : all.entrySet()) {
      b.child(Element.builder("affiliation", PubSub.OWNER).attribute("jid", e.getKey().toString())
          .attribute("affiliation", e.getValue().wireName()).build());
    }
    return pubsub(PubSub.OWNER, b.build());
  }

  // §8.9.2: each entry applied on its own; the ones refused come back with their current value.
  private Element setAffiliations(Ctx ctx, Element op) {
    String name = nodeName(op);
    PubSubNode node = existing(ctx, name);
    requireOwner(ctx, node);
    Map<Jid, PubSubAffiliation> changes = new java.util.LinkedHashMap<>();
    for (Element e : op.elements()) {
      Jid jid = jidAttribute(e).asBare();
      PubSubAffiliation a = PubSubAffiliation.fromWire(e.attribute("affiliation"));
      if (a == null) {
        throw PubSub.error(Condition.BAD_REQUEST);
      }
      if (changes.put(jid, a) != null) {
        throw PubSub.error(Condition.BAD_REQUEST); // §8.9.2.5: one entry per entity
      }
    }
    Map<Jid, PubSubAffiliation> current = new java.util.HashMap<>(
        store.affiliations(ctx.service(), name));
    Element.Builder failed = Element.builder("affiliations", PubSub.OWNER)
        .attribute("node", name);
    boolean anyFailed = false;
    for (Map.Entry<Jid, PubSubAffiliation> e : changes.entrySet()) {
      Jid jid = e.getKey();
      PubSubAffiliation was = ctx.pep() && jid.equals(ctx.service()) ? PubSubAffiliation.OWNER
          : current.getOrDefault(jid, PubSubAffiliation.NONE);
      Map<Jid, PubSubAffiliation> after = new java.util.HashMap<>(current);
      after.put(jid, e.getValue());
      // §8.9.2.4: a node keeps an owner; on PEP the account stays its nodes' owner.
      boolean refused = ctx.pep() ? jid.equals(ctx.service())
          : !after.containsValue(PubSubAffiliation.OWNER);
      if (refused) {
        failed.child(Element.builder("affiliation", PubSub.OWNER).attribute("jid", jid.toString())
            .attribute("affiliation", was.wireName()).build());
        anyFailed = true;
        continue;
      }
      store.setAffiliation(ctx.service(), name, jid, e.getValue());
      current.put(jid, e.getValue());
      PubSubAffiliation now = e.getValue();
      for (PubSubSubscription s : store.subscriptions(ctx.service(), name)) {
        if (!s.jid().asBare().equals(jid)) {
          continue;
        }
        if (now == PubSubAffiliation.OUTCAST) {
          // An outcast has no subscriptions (§4.1); a pending request is denied (§8.7 note).
          store.removeSubscription(ctx.service(), name, s.jid(), s.subId());
          if (s.state() == State.PENDING) {
            tellSubscriber(ctx, s.withState(State.NONE));
          }
        } else if (s.state() == State.PENDING && (now == PubSubAffiliation.OWNER
            || now == PubSubAffiliation.PUBLISHER)) {
          // §8.7 note: a pending request of a new owner or publisher is approved.
          PubSubSubscription approved = s.withState(State.SUBSCRIBED);
          store.putSubscription(approved);
          tellSubscriber(ctx, approved);
          sendLastItem(ctx, node, config(node), s.jid());
        }
      }
    }
    if (anyFailed) {
      throw new PubSub.PartialFailure(io.parley.spi.stanza.StanzaError.of(
          Condition.NOT_ACCEPTABLE), pubsub(PubSub.OWNER, failed.build()));
    }
    return null;
  }

  /** Told of every stored publication (service, node, item), on the service's lane. */
  interface Published {
    void item(Jid service, String node, PubSubItem item);
  }

  private volatile Published published = (s, n, i) -> { };

  void published(Published listener) {
    this.published = listener;
  }

  // ---- authorize model (§6.1.4, §8.6)

  private Consumer<io.parley.spi.stanza.Stanza> sender = s -> { };

  void sender(Consumer<io.parley.spi.stanza.Stanza> send) {
    this.sender = send;
  }

  private void askOwners(Ctx ctx, PubSubNode node, PubSubSubscription sub) {
    Element form = authorizationForm(node, sub);
    for (Jid owner : owners(ctx, node)) {
      sender.accept(new io.parley.spi.stanza.Message(owner, ctx.service(), null,
          io.parley.spi.stanza.Message.Type.NORMAL, null, List.of(form)));
    }
  }

  // §8.6.1
  private static Element authorizationForm(PubSubNode node, PubSubSubscription sub) {
    return DataForm.builder("form", PubSub.SUBSCRIBE_AUTHORIZATION)
        .field("pubsub#subid", "hidden", null, List.of(sub.subId()), List.of())
        .field("pubsub#node", "text-single", "Node ID", List.of(node.node()), List.of())
        .field("pubsub#subscriber_jid", "jid-single", "Subscriber Address",
            List.of(sub.jid().toString()), List.of())
        .field("pubsub#allow", "boolean",
            "Allow this JID to subscribe to this pubsub node?", List.of("0"), List.of())
        .build();
  }

  // §13.14: the (new, former or denied) subscriber hears of its subscription's new state.
  private void tellSubscriber(Ctx ctx, PubSubSubscription s) {
    notifier.deliver(notifier.prepare(ctx.service(), "normal",
        List.of(subscriptionElement(PubSub.EVENT, s, true))), s.jid());
  }

  private List<Jid> owners(Ctx ctx, PubSubNode node) {
    List<Jid> owners = new ArrayList<>();
    for (Map.Entry<Jid, PubSubAffiliation> e
        : store.affiliations(ctx.service(), node.node()).entrySet()) {
      if (e.getValue() == PubSubAffiliation.OWNER) {
        owners.add(e.getKey());
      }
    }
    if (ctx.pep()) {
      owners.add(ctx.service());
    }
    return owners;
  }

  /**
   * {@code pubsub#notify_sub}: the owners hear of a new subscription or an unsubscribe, as an
   * event with the {@code <subscription/>} (the XEP names the option only; this is ejabberd's
   * format).
   */
  private void notifyOwners(Ctx ctx, PubSubNode node, NodeConfig cfg, PubSubSubscription sub) {
    if (!cfg.flag(NodeConfig.NOTIFY_SUB)) {
      return;
    }
    PreparedStanza n = notifier.prepare(ctx.service(), "normal",
        List.of(subscriptionElement(PubSub.EVENT, sub, true)));
    for (Jid owner : owners(ctx, node)) {
      notifier.deliver(n, owner);
    }
  }

  /** An owner's answer to a subscription request (§8.6.2): a submitted authorization form. */
  void authorize(Ctx ctx, Map<String, List<String>> values) {
    String name = first(values, "pubsub#node");
    String subId = first(values, "pubsub#subid");
    String jidValue = first(values, "pubsub#subscriber_jid");
    Boolean allow = DataForm.bool(first(values, "pubsub#allow"));
    if (name == null || jidValue == null || allow == null) {
      return;
    }
    Optional<PubSubNode> node = store.node(ctx.service(), name);
    if (node.isEmpty() || affiliation(ctx, node.get(), ctx.requester())
        != PubSubAffiliation.OWNER) {
      return;
    }
    Jid jid = Jid.of(jidValue);
    for (PubSubSubscription s : store.subscriptions(ctx.service(), name)) {
      if (s.jid().equals(jid) && s.state() == State.PENDING
          && (subId == null || s.subId().equals(subId))) {
        PubSubSubscription next = s.withState(allow ? State.SUBSCRIBED : State.NONE);
        if (allow) {
          store.putSubscription(next);
        } else {
          store.removeSubscription(ctx.service(), name, s.jid(), s.subId());
        }
        tellSubscriber(ctx, next); // §8.6.2: the subscriber hears the outcome
        if (allow) {
          notifyOwners(ctx, node.get(), config(node.get()), next);
          sendLastItem(ctx, node.get(), config(node.get()), jid);
        }
      }
    }
  }

  /**
   * §8.7: the XEP-0050 command {@code pubsub#get-pending}. Executed without a form, it answers
   * with a form listing the requester's nodes that have pending subscriptions; submitted with a
   * node, it sends the requester one authorization form (§8.6.1) per pending subscription of that
   * node and completes. Stateless: the session id only ties the two steps for the client.
   *
   * <pre>{@code
   * <iq type='set' to='pubsub.example.com' id='p1'><command
   *     xmlns='http://jabber.org/protocol/commands'
   *     node='http://jabber.org/protocol/pubsub#get-pending' action='execute'/></iq>
   * }</pre>
   */
  Iq getPending(Iq request, Ctx ctx) {
    Element command = request.payload();
    if (request.type() != Iq.Type.SET) {
      throw PubSub.error(Condition.BAD_REQUEST);
    }
    if (!PubSub.GET_PENDING.equals(command.attribute("node"))) {
      throw PubSub.error(Condition.ITEM_NOT_FOUND); // XEP-0050: no such command
    }
    String session = command.attribute("sessionid");
    if (session == null) {
      session = "pubsub-get-pending:" + UUID.randomUUID();
    }
    Element.Builder reply = Element.builder("command", PubSub.COMMANDS)
        .attribute("node", PubSub.GET_PENDING).attribute("sessionid", session);
    if ("cancel".equals(command.attribute("action"))) {
      return request.result(reply.attribute("status", "canceled").build());
    }
    Element form = command.child("x", DataForm.NAMESPACE);
    if (form == null || !"submit".equals(form.attribute("type"))) {
      List<String> owned = new ArrayList<>();
      for (PubSubNode node : store.nodes(ctx.service())) {
        if (affiliation(ctx, node, ctx.requester()) == PubSubAffiliation.OWNER) {
          owned.add(node.node());
        }
      }
      if (owned.isEmpty()) {
        throw PubSub.error(Condition.FORBIDDEN); // §8.7.4.3: approves nothing
      }
      return request.result(reply.attribute("status", "executing")
          .child(Element.builder("actions", PubSub.COMMANDS).attribute("execute", "complete")
              .child(Element.of("complete", PubSub.COMMANDS)).build())
          .child(DataForm.builder("form", PubSub.SUBSCRIBE_AUTHORIZATION)
              .field("pubsub#node", "list-single", "Node ID", List.of(), owned).build())
          .build());
    }
    String name = first(DataForm.values(form), "pubsub#node");
    if (name == null || name.isEmpty()) {
      throw PubSub.error(Condition.BAD_REQUEST, "nodeid-required");
    }
    PubSubNode node = existing(ctx, name); // §8.7.4.4
    requireOwner(ctx, node); // §8.7.4.3
    for (PubSubSubscription s : store.subscriptions(ctx.service(), name)) {
      if (s.state() == State.PENDING) {
        sender.accept(new io.parley.spi.stanza.Message(ctx.requester(), ctx.service(), null,
            io.parley.spi.stanza.Message.Type.NORMAL, null, List.of(authorizationForm(node, s))));
      }
    }
    return request.result(reply.attribute("status", "completed").build());
  }

  private static String first(Map<String, List<String>> values, String var) {
    List<String> v = values.get(var);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  // ---- notifications

  /** §6.1.7 / §12: the last published item to a new subscriber. */
  private void sendLastItem(Ctx ctx, PubSubNode node, NodeConfig cfg, Jid to) {
    if (cfg.sendLast().equals("never")) {
      return;
    }
    List<PubSubItem> last = live(ctx.service(), node, cfg,
        store.items(ctx.service(), node.node(), 1));
    if (!last.isEmpty()) {
      notifier.deliver(lastItemNotification(ctx.service(), node, cfg, last.get(0)), to);
    }
  }

  private PreparedStanza lastItemNotification(Jid service, PubSubNode node, NodeConfig cfg,
      PubSubItem item) {
    return notifier.prepare(service, cfg.value(NodeConfig.NOTIFICATION_TYPE), List.of(
        Element.builder("items", PubSub.EVENT).attribute("node", node.node())
            .child(itemElement(PubSub.EVENT, item.id(),
                cfg.deliverPayloads() ? item.payload() : null)).build()));
  }

  private void notifySubscribers(Ctx ctx, PubSubNode node, NodeConfig cfg, List<Element> event) {
    notify(ctx, node, cfg, store.subscriptions(ctx.service(), node.node()), event);
  }

  /**
   * One notification, prepared once, to every subscribed JID that wants delivery and, on PEP
   * nodes, to every session with +notify interest that the access model lets see the node
   * (XEP-0163 §4.3): the owner's own resources and contacts allowed by presence or roster.
   */
  private void notify(Ctx ctx, PubSubNode node, NodeConfig cfg, List<PubSubSubscription> subs,
      List<Element> event) {
    String type = cfg.value(NodeConfig.NOTIFICATION_TYPE);
    PreparedStanza n = notifier.prepare(ctx.service(), type, event);
    // §6.1.6: one notification per subscribed JID, however many subscriptions it holds; with
    // several, SHIM headers name them (§7.1.2.2).
    Map<Jid, List<String>> subIds = new java.util.LinkedHashMap<>();
    for (PubSubSubscription s : subs) {
      if (s.state() == State.SUBSCRIBED
          && !Boolean.FALSE.equals(DataForm.bool(first(s.options(), "pubsub#deliver")))) {
        subIds.computeIfAbsent(s.jid(), j -> new ArrayList<>()).add(s.subId());
      }
    }
    Set<Jid> done = new HashSet<>();
    boolean presenceBased = cfg.flag(NodeConfig.PRESENCE_BASED);
    for (Map.Entry<Jid, List<String>> e : subIds.entrySet()) {
      done.add(e.getKey());
      PreparedStanza p = e.getValue().size() == 1 ? n
          : notifier.prepare(ctx.service(), type, event, subIdHeaders(e.getValue()));
      if (presenceBased) {
        notifier.deliverToAvailable(p, e.getKey());
      } else {
        notifier.deliver(p, e.getKey());
      }
    }
    if (ctx.pep()) {
      notifyInterested(ctx, node, cfg, n, done);
    }
  }

  private static Element subIdHeaders(List<String> subIds) {
    Element.Builder h = Element.builder("headers", PubSub.SHIM);
    for (String id : subIds) {
      h.child(Element.builder("header", PubSub.SHIM).attribute("name", "SubID").text(id).build());
    }
    return h.build();
  }

  private void notifyInterested(Ctx ctx, PubSubNode node, NodeConfig cfg, PreparedStanza n,
      Set<Jid> done) {
    for (Session s : sessions.resources(ctx.service())) {
      if (s.isAvailable() && interest.notifies(s, node.node()) && done.add(s.jid())) {
        notifier.deliver(n, s);
      }
    }
    String model = cfg.accessModel();
    if (!model.equals("presence") && !model.equals("roster") && !model.equals("open")) {
      return;
    }
    Set<String> groups = new HashSet<>(cfg.values(NodeConfig.ROSTER_GROUPS));
    List<RosterItem> roster = rosters.roster(ctx.service()).toCompletableFuture().join();
    for (RosterItem item : roster) {
      boolean allowed = model.equals("roster")
          ? item.groups().stream().anyMatch(groups::contains)
          : item.subscription().hasFrom();
      if (!allowed || !item.jid().domain().equals(domain)) {
        continue;
      }
      for (Session s : sessions.resources(item.jid().asBare())) {
        if (s.isAvailable() && interest.notifies(s, node.node()) && done.add(s.jid())) {
          notifier.deliver(n, s);
        }
      }
    }
  }

  /**
   * XEP-0163 §4.3.2 ({@code on_sub_and_presence}): a session that newly announced interest gets
   * the last item of each node it may see, of its own account and of the contacts whose
   * presence it receives.
   */
  void lastItemsForInterest(Session session, Jid service) {
    boolean own = service.equals(session.jid().asBare());
    for (PubSubNode node : store.nodes(service)) {
      NodeConfig cfg = config(node);
      if (!cfg.sendLast().equals("on_sub_and_presence")
          || !interest.notifies(session, node.node())) {
        continue;
      }
      if (!own) {
        Ctx ctx = new Ctx(service, true, session.jid());
        try {
          checkAccess(ctx, node, cfg, false);
        } catch (io.parley.spi.handler.StanzaErrorException e) {
          continue;
        }
      }
      List<PubSubItem> last = live(service, node, cfg, store.items(service, node.node(), 1));
      if (!last.isEmpty()) {
        notifier.deliver(lastItemNotification(service, node, cfg, last.get(0)), session);
      }
    }
  }

  /**
   * §5.3 on a PEP node: its identity, feature and meta-data, for requesters the access model
   * admits ({@code item-not-found} otherwise, so a private node stays unseen).
   */
  Iq nodeInfo(Iq request, Jid service, String name, Jid requester) {
    Ctx ctx = new Ctx(service, true, requester);
    PubSubNode node = existing(ctx, name);
    NodeConfig cfg = config(node);
    try {
      checkAccess(ctx, node, cfg, false);
    } catch (io.parley.spi.handler.StanzaErrorException e) {
      throw PubSub.error(Condition.ITEM_NOT_FOUND);
    }
    Element info = Element.builder("query", PubSub.DISCO_INFO).attribute("node", name)
        .child(Element.builder("identity", PubSub.DISCO_INFO).attribute("category", "pubsub")
            .attribute("type", "leaf").build())
        .child(Element.builder("feature", PubSub.DISCO_INFO).attribute("var", PubSub.NAMESPACE)
            .build())
        .child(DataForm.builder("result", PubSub.META_DATA)
            .field(NodeConfig.ACCESS_MODEL, "list-single", null, List.of(cfg.accessModel()),
                List.of())
            .build())
        .build();
    return new Iq(request.from(), service, request.id(), Iq.Type.RESULT, null, List.of(info));
  }

  /**
   * XEP-0163 §6.2: the account's PEP nodes as disco#items, only those the requester may
   * retrieve items from (the access model checked per node, as for a retrieval).
   */
  List<Element> visibleNodes(Jid account, Jid requester) {
    Ctx ctx = new Ctx(account, true, requester);
    List<Element> items = new ArrayList<>();
    for (PubSubNode node : store.nodes(account)) {
      try {
        checkAccess(ctx, node, config(node), false);
      } catch (io.parley.spi.handler.StanzaErrorException e) {
        continue;
      }
      items.add(Element.builder("item", PubSub.DISCO_ITEMS).attribute("jid", account.toString())
          .attribute("node", node.node()).build());
    }
    return items;
  }

  /** The local contacts whose presence {@code user} receives (roster subscription to/both). */
  java.util.concurrent.CompletionStage<List<Jid>> contactsOf(Jid user) {
    return rosters.roster(user).thenApply(items -> {
      List<Jid> contacts = new ArrayList<>();
      for (RosterItem i : items) {
        if (i.subscription().hasTo() && i.jid().domain().equals(domain)) {
          contacts.add(i.jid().asBare());
        }
      }
      return contacts;
    });
  }

  // ---- host API

  /** Creates a node owned by {@code owner} if it is missing; true if it was created. */
  boolean ensureNode(Jid service, String node, Jid owner, Map<String, List<String>> options) {
    if (store.node(service, node).isPresent()) {
      return false;
    }
    Map<String, List<String>> config = NodeConfig.apply(
        NodeConfig.defaults(false, maxItems), options, maxItems);
    store.createNode(new PubSubNode(service, node, owner, clock.instant(), config));
    store.setAffiliation(service, node, owner, PubSubAffiliation.OWNER);
    return true;
  }

  /** Publishes as the service itself (host code), skipping the publisher checks. */
  void hostPublish(Jid service, String node, String id, Element payload) {
    PubSubNode n = store.node(service, node)
        .orElseThrow(() -> PubSub.error(Condition.ITEM_NOT_FOUND));
    publishItem(new Ctx(service, false, service), n, config(n), id, payload);
  }

  /** Subscribes {@code jid} as the host asks, skipping the access model. */
  void hostSubscribe(Jid service, String node, Jid jid) {
    store.node(service, node).orElseThrow(() -> PubSub.error(Condition.ITEM_NOT_FOUND));
    if (!store.subscriptions(service, node, jid).isEmpty()) {
      return;
    }
    store.putSubscription(new PubSubSubscription(service, node, jid,
        UUID.randomUUID().toString(), State.SUBSCRIBED, Map.of()));
  }
}
