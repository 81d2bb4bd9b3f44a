package io.parley.embedded.internal.feature.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.pubsub.NodeAccessPolicy;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0060 use cases and error cases, in the order of the XEP's sections, in-process. */
class PubSubTest {
  static final String PS = "http://jabber.org/protocol/pubsub";
  static final String OWNER = PS + "#owner";
  static final String EVENT = PS + "#event";
  static final String ERRORS = PS + "#errors";
  static final String SERVICE = "pubsub.example.test";

  @TempDir Path dataDir;
  Parley parley;

  Parley server(Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir);
    customize.accept(b);
    parley = b.build().start();
    return parley;
  }

  @AfterEach
  void close() {
    if (parley != null) {
      parley.close();
    }
  }

  static Iq set(TestClient c, String to, String xml) throws InterruptedException {
    return c.request(Iq.Type.SET, Jid.of(to), XmlOutput.element(xml));
  }

  static Iq get(TestClient c, String to, String xml) throws InterruptedException {
    return c.request(Iq.Type.GET, Jid.of(to), XmlOutput.element(xml));
  }

  static String ps(String inner) {
    return "<pubsub xmlns='" + PS + "'>" + inner + "</pubsub>";
  }

  static String owner(String inner) {
    return "<pubsub xmlns='" + OWNER + "'>" + inner + "</pubsub>";
  }

  static void assertResult(Iq iq) {
    assertEquals(Iq.Type.RESULT, iq.type(), () -> "expected a result: " + iq);
  }

  static void assertError(Iq iq, StanzaError.Condition condition, String pubsubCondition) {
    assertEquals(Iq.Type.ERROR, iq.type(), () -> "expected an error: " + iq);
    StanzaError e = iq.error();
    assertEquals(condition, e.condition(), () -> iq.toString());
    if (pubsubCondition == null) {
      assertNull(e.applicationCondition(), () -> iq.toString());
    } else {
      assertNotNull(e.applicationCondition(), () -> iq.toString());
      assertEquals(pubsubCondition, e.applicationCondition().name());
      assertEquals(ERRORS, e.applicationCondition().namespace());
    }
  }

  static Message event(TestClient c) throws InterruptedException {
    return (Message) c.next(s -> s instanceof Message m && m.child("event", EVENT) != null);
  }

  static Element eventChild(Message m) {
    return m.child("event", EVENT).elements().get(0);
  }

  TestClient client(String jid) {
    return new TestClient(parley, jid).available(0);
  }

  Iq create(TestClient c, String node) throws InterruptedException {
    return set(c, SERVICE, ps("<create node='" + node + "'/>"));
  }

  Iq publish(TestClient c, String node, String id, String payload)
      throws InterruptedException {
    return set(c, SERVICE, ps("<publish node='" + node + "'><item id='" + id + "'>" + payload
        + "</item></publish>"));
  }

  static String entry(String text) {
    return "<entry xmlns='http://www.w3.org/2005/Atom'>" + text + "</entry>";
  }

  Iq subscribe(TestClient c, String node) throws InterruptedException {
    return set(c, SERVICE, ps("<subscribe node='" + node + "' jid='" + c.jid() + "'/>"));
  }

  // ---- §5 discovery

  @Test
  void serviceIsListedAndAdvertisesItsFeatures() throws Exception {
    server(b -> { });
    TestClient a = client("hamlet@example.test/elsinore");
    Iq items = get(a, "example.test", "<query xmlns='http://jabber.org/protocol/disco#items'/>");
    assertTrue(items.payload().elements().stream()
        .anyMatch(i -> SERVICE.equals(i.attribute("jid"))));
    Iq info = get(a, SERVICE, "<query xmlns='http://jabber.org/protocol/disco#info'/>");
    Element query = info.payload();
    assertEquals("service", query.child("identity", query.namespace()).attribute("type"));
    assertTrue(query.elements().stream().anyMatch(f -> (PS + "#publish").equals(
        f.attribute("var"))));
  }

  @Test
  void nodesAreDiscoItemsAndHaveMetaData() throws Exception {
    server(b -> { });
    TestClient a = client("hamlet@example.test/elsinore");
    assertResult(create(a, "princely_musings"));
    Iq items = get(a, SERVICE, "<query xmlns='http://jabber.org/protocol/disco#items'/>");
    assertEquals("princely_musings", items.payload().elements().get(0).attribute("node"));
    Iq info = get(a, SERVICE,
        "<query xmlns='http://jabber.org/protocol/disco#info' node='princely_musings'/>");
    assertEquals("leaf", info.payload().elements().get(0).attribute("type"));
    assertError(get(a, SERVICE,
        "<query xmlns='http://jabber.org/protocol/disco#info' node='nope'/>"),
        StanzaError.Condition.ITEM_NOT_FOUND, null);
  }

  // ---- §6.1 subscribe, §7.1 publish with notifications

  @Test
  void publishNotifiesSubscribersWithThePayload() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client("francisco@example.test/barracks");
    assertResult(create(owner, "princely_musings"));
    Iq subscribed = subscribe(sub, "princely_musings");
    assertResult(subscribed);
    Element s = subscribed.payload().child("subscription", PS);
    assertEquals("subscribed", s.attribute("subscription"));
    assertEquals("francisco@example.test/barracks", s.attribute("jid"));
    assertNotNull(s.attribute("subid"));
    Iq published = publish(owner, "princely_musings", "ae890ac52d", entry("Soliloquy"));
    assertResult(published);
    assertEquals("ae890ac52d", published.payload().child("publish", PS)
        .child("item", PS).attribute("id"));
    Message m = event(sub);
    assertEquals(Jid.of(SERVICE), m.from());
    assertEquals(Message.Type.HEADLINE, m.type());
    Element items = eventChild(m);
    assertEquals("princely_musings", items.attribute("node"));
    Element item = items.child("item", EVENT);
    assertEquals("ae890ac52d", item.attribute("id"));
    assertEquals("Soliloquy", item.elements().get(0).text());
  }

  @Test
  void publishWithoutItemIdGetsOneGenerated() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    assertResult(create(owner, "n"));
    Iq r = set(owner, SERVICE, ps("<publish node='n'><item>" + entry("x") + "</item></publish>"));
    assertResult(r);
    assertNotNull(r.payload().child("publish", PS).child("item", PS).attribute("id"));
  }

  @Test
  void subscribeErrors() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient other = client("bernardo@example.test/pda");
    assertResult(create(owner, "n"));
    // §6.1.3.1 JIDs do not match
    assertError(set(other, SERVICE, ps("<subscribe node='n' jid='hamlet@example.test'/>")),
        StanzaError.Condition.BAD_REQUEST, "invalid-jid");
    // §6.1.3.11 no such node
    assertError(subscribe(other, "nope"), StanzaError.Condition.ITEM_NOT_FOUND, null);
    // nodeid required
    assertError(set(other, SERVICE, ps("<subscribe jid='bernardo@example.test/pda'/>")),
        StanzaError.Condition.BAD_REQUEST, "nodeid-required");
  }

  @Test
  void whitelistNodeRefusesNonMembersAndOutcastsAreBlocked() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient other = client("bernardo@example.test/pda");
    assertResult(set(owner, SERVICE, ps("<create node='w'/><configure>" + form(
        "pubsub#access_model", "whitelist") + "</configure>")));
    assertError(subscribe(other, "w"), StanzaError.Condition.NOT_ALLOWED, "closed-node");
    assertError(get(other, SERVICE, ps("<items node='w'/>")), StanzaError.Condition.NOT_ALLOWED,
        "closed-node");
    // A member may.
    assertResult(set(owner, SERVICE, owner("<affiliations node='w'><affiliation "
        + "jid='bernardo@example.test' affiliation='member'/></affiliations>")));
    assertResult(subscribe(other, "w"));
    // §6.1.3.8 an outcast is blocked, and loses its subscription.
    assertResult(set(owner, SERVICE, owner("<affiliations node='w'><affiliation "
        + "jid='bernardo@example.test' affiliation='outcast'/></affiliations>")));
    assertError(subscribe(other, "w"), StanzaError.Condition.FORBIDDEN, null);
  }

  @Test
  void presenceAccessNeedsAPresenceSubscription() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient other = client("bernardo@example.test/pda");
    assertResult(set(owner, SERVICE, ps("<create node='p'/><configure>" + form(
        "pubsub#access_model", "presence") + "</configure>")));
    assertError(subscribe(other, "p"), StanzaError.Condition.NOT_AUTHORIZED,
        "presence-subscription-required");
  }

  @Test
  void rosterAccessNeedsAnAllowedGroup() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient other = client("bernardo@example.test/pda");
    assertResult(set(owner, SERVICE, ps("<create node='r'/><configure>" + form(
        "pubsub#access_model", "roster") + "</configure>")));
    assertError(subscribe(other, "r"), StanzaError.Condition.NOT_AUTHORIZED,
        "not-in-roster-group");
  }

  @Test
  void authorizeModelMakesSubscriptionsPendingUntilTheOwnerApproves() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient other = client("bernardo@example.test/pda");
    assertResult(set(owner, SERVICE, ps("<create node='a'/><configure>" + form(
        "pubsub#access_model", "authorize") + "</configure>")));
    Iq pending = subscribe(other, "a");
    assertEquals("pending", pending.payload().child("subscription", PS)
        .attribute("subscription"));
    // §6.1.3.7 asking again while pending
    assertError(subscribe(other, "a"), StanzaError.Condition.NOT_AUTHORIZED,
        "pending-subscription");
    // §8.6: the owner gets a form and approves it.
    Message ask = (Message) owner.next(s -> s instanceof Message m
        && m.child("x", "jabber:x:data") != null);
    Element x = ask.child("x", "jabber:x:data");
    Element.Builder submit = Element.builder("x", "jabber:x:data").attribute("type", "submit");
    for (Element f : x.elements()) {
      String var = f.attribute("var");
      String value = var.equals("pubsub#allow") ? "true" : f.childText("value", "jabber:x:data");
      submit.child(Element.builder("field", "jabber:x:data").attribute("var", var)
          .child(Element.builder("value", "jabber:x:data").text(value).build()).build());
    }
    owner.session.send(new Message(Jid.of(SERVICE), null, null, Message.Type.NORMAL, null,
        List.of(submit.build())));
    Message outcome = event(other);
    assertEquals("subscribed", eventChild(outcome).attribute("subscription"));
    assertResult(publish(owner, "a", "i1", entry("approved")));
    assertEquals("i1", eventChild(event(other)).child("item", EVENT).attribute("id"));
  }

  // ---- §6.2 unsubscribe

  @Test
  void unsubscribeAndItsErrors() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client("francisco@example.test/barracks");
    assertResult(create(owner, "n"));
    String unsub = ps("<unsubscribe node='n' jid='francisco@example.test/barracks'/>");
    // §6.2.3.2 not subscribed
    assertError(set(sub, SERVICE, unsub), StanzaError.Condition.UNEXPECTED_REQUEST,
        "not-subscribed");
    Iq s = subscribe(sub, "n");
    // §6.2.3.5 bad subid
    assertError(set(sub, SERVICE, ps("<unsubscribe node='n' jid='francisco@example.test/"
        + "barracks' subid='nope'/>")), StanzaError.Condition.NOT_ACCEPTABLE, "invalid-subid");
    // §6.2.3.3 someone else's subscription
    assertError(set(owner, SERVICE, unsub), StanzaError.Condition.FORBIDDEN, null);
    // §6.2.3.4 no such node
    assertError(set(sub, SERVICE, ps("<unsubscribe node='x' jid='francisco@example.test/"
        + "barracks'/>")), StanzaError.Condition.ITEM_NOT_FOUND, null);
    assertResult(set(sub, SERVICE, unsub));
    assertResult(publish(owner, "n", "i", entry("after")));
    assertNull(sub.none(), "no notification after unsubscribing");
    assertNotNull(s);
  }

  // ---- §6.3 subscription options

  @Test
  void subscriptionOptionsCanTurnDeliveryOff() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client("francisco@example.test/barracks");
    assertResult(create(owner, "n"));
    assertResult(subscribe(sub, "n"));
    Iq options = get(sub, SERVICE, ps("<options node='n' jid='francisco@example.test/barracks'/>"));
    assertEquals(PS + "#subscribe_options", DataForm.formType(
        options.payload().child("options", PS).child("x", "jabber:x:data")));
    assertError(set(sub, SERVICE, ps("<options node='n' jid='francisco@example.test/barracks'>"
        + submitForm(PS + "#subscribe_options", "pubsub#deliver", "maybe") + "</options>")),
        StanzaError.Condition.BAD_REQUEST, "invalid-options");
    assertResult(set(sub, SERVICE, ps("<options node='n' jid='francisco@example.test/barracks'>"
        + submitForm(PS + "#subscribe_options", "pubsub#deliver", "false") + "</options>")));
    assertResult(publish(owner, "n", "i", entry("quiet")));
    assertNull(sub.none());
  }

  // ---- §6.5 retrieve items

  @Test
  void retrieveAllNewestAndById() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    assertResult(create(owner, "n"));
    for (int i = 1; i <= 3; i++) {
      assertResult(publish(owner, "n", "i" + i, entry("e" + i)));
    }
    List<Element> all = get(owner, SERVICE, ps("<items node='n'/>")).payload()
        .child("items", PS).elements();
    assertEquals(List.of("i1", "i2", "i3"), all.stream().map(e -> e.attribute("id")).toList());
    List<Element> newest = get(owner, SERVICE, ps("<items node='n' max_items='2'/>")).payload()
        .child("items", PS).elements();
    assertEquals(List.of("i2", "i3"), newest.stream().map(e -> e.attribute("id")).toList());
    List<Element> byId = get(owner, SERVICE, ps("<items node='n'><item id='i2'/></items>"))
        .payload().child("items", PS).elements();
    assertEquals("e2", byId.get(0).elements().get(0).text());
    assertError(get(owner, SERVICE, ps("<items node='x'/>")), StanzaError.Condition.ITEM_NOT_FOUND,
        null);
  }

  @Test
  void republishingAnIdReplacesTheItemAndMaxItemsDropsTheOldest() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    assertResult(set(owner, SERVICE, ps("<create node='n'/><configure>" + form(
        "pubsub#max_items", "2") + "</configure>")));
    assertResult(publish(owner, "n", "a", entry("1")));
    assertResult(publish(owner, "n", "b", entry("2")));
    assertResult(publish(owner, "n", "a", entry("3")));
    assertResult(publish(owner, "n", "c", entry("4")));
    List<Element> items = get(owner, SERVICE, ps("<items node='n'/>")).payload()
        .child("items", PS).elements();
    assertEquals(List.of("a", "c"), items.stream().map(e -> e.attribute("id")).toList());
    assertEquals("3", items.get(0).elements().get(0).text());
  }

  @Test
  void lastPublishedItemIsSentOnSubscribe() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client("francisco@example.test/barracks");
    assertResult(create(owner, "n"));
    assertResult(publish(owner, "n", "old", entry("1")));
    assertResult(publish(owner, "n", "last", entry("2")));
    assertResult(subscribe(sub, "n"));
    assertEquals("last", eventChild(event(sub)).child("item", EVENT).attribute("id"));
  }

  // ---- §7.1 publish errors

  @Test
  void publishErrors() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient other = client("bernardo@example.test/pda");
    assertResult(create(owner, "n"));
    // §7.1.3.1 not a publisher
    assertError(publish(other, "n", "i", entry("x")), StanzaError.Condition.FORBIDDEN, null);
    // §7.1.3.3 no such node
    assertError(publish(owner, "x", "i", entry("x")), StanzaError.Condition.ITEM_NOT_FOUND, null);
    // §7.1.3.6 more than one payload
    assertError(publish(owner, "n", "i", entry("x") + entry("y")),
        StanzaError.Condition.BAD_REQUEST, "invalid-payload");
    // persistent node, no item
    assertError(set(owner, SERVICE, ps("<publish node='n'/>")), StanzaError.Condition.BAD_REQUEST,
        "item-required");
    // payload node, no payload
    assertError(set(owner, SERVICE, ps("<publish node='n'><item id='i'/></publish>")),
        StanzaError.Condition.BAD_REQUEST, "payload-required");
    // a publisher affiliation lets another entity publish
    assertResult(set(owner, SERVICE, owner("<affiliations node='n'><affiliation "
        + "jid='bernardo@example.test' affiliation='publisher'/></affiliations>")));
    assertResult(publish(other, "n", "i", entry("x")));
  }

  @Test
  void transientNotificationOnlyNodeTakesNoItem() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client("francisco@example.test/barracks");
    assertResult(set(owner, SERVICE, ps("<create node='t'/><configure>" + form(
        "pubsub#persist_items", "0", "pubsub#deliver_payloads", "0") + "</configure>")));
    assertResult(subscribe(sub, "t"));
    assertError(publish(owner, "t", "i", entry("x")), StanzaError.Condition.BAD_REQUEST,
        "item-forbidden");
    assertResult(set(owner, SERVICE, ps("<publish node='t'/>")));
    assertEquals("t", eventChild(event(sub)).attribute("node"));
    // §6.5.9.6 and §7.2.3.5: no persistent items
    assertError(get(owner, SERVICE, ps("<items node='t'/>")),
        StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, "unsupported");
  }

  @Test
  void notificationWithoutPayloadCarriesTheItemIdOnly() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client("francisco@example.test/barracks");
    assertResult(set(owner, SERVICE, ps("<create node='n'/><configure>" + form(
        "pubsub#deliver_payloads", "0") + "</configure>")));
    assertResult(subscribe(sub, "n"));
    assertResult(set(owner, SERVICE, ps("<publish node='n'><item id='i'/></publish>")));
    Element item = eventChild(event(sub)).child("item", EVENT);
    assertEquals("i", item.attribute("id"));
    assertTrue(item.children().isEmpty());
  }

  @Test
  void publishOptionsArePreconditions() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    assertResult(create(owner, "n"));
    String opts = "<publish-options>" + submitForm(PS + "#publish-options",
        "pubsub#access_model", "whitelist") + "</publish-options>";
    assertError(set(owner, SERVICE, ps("<publish node='n'><item id='i'>" + entry("x")
        + "</item></publish>" + opts)), StanzaError.Condition.CONFLICT, "precondition-not-met");
    String ok = "<publish-options>" + submitForm(PS + "#publish-options",
        "pubsub#access_model", "open") + "</publish-options>";
    assertResult(set(owner, SERVICE, ps("<publish node='n'><item id='i'>" + entry("x")
        + "</item></publish>" + ok)));
  }

  // ---- §7.2 retract

  @Test
  void retractNotifiesAndItsErrors() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client("francisco@example.test/barracks");
    assertResult(create(owner, "n"));
    assertResult(publish(owner, "n", "i", entry("x")));
    assertResult(subscribe(sub, "n"));
    event(sub); // the last published item
    assertError(set(sub, SERVICE, ps("<retract node='n'><item id='i'/></retract>")),
        StanzaError.Condition.FORBIDDEN, null);
    assertError(set(owner, SERVICE, ps("<retract node='n'><item/></retract>")),
        StanzaError.Condition.BAD_REQUEST, "item-required");
    assertError(set(owner, SERVICE, ps("<retract node='n'><item id='nope'/></retract>")),
        StanzaError.Condition.ITEM_NOT_FOUND, null);
    assertError(set(owner, SERVICE, ps("<retract><item id='i'/></retract>")),
        StanzaError.Condition.BAD_REQUEST, "nodeid-required");
    assertResult(set(owner, SERVICE, ps("<retract node='n' notify='true'><item id='i'/>"
        + "</retract>")));
    assertEquals("i", eventChild(event(sub)).child("retract", EVENT).attribute("id"));
    assertTrue(get(owner, SERVICE, ps("<items node='n'/>")).payload().child("items", PS)
        .elements().isEmpty());
  }

  // ---- §8.1 create

  @Test
  void instantNodeGetsAGeneratedNameAndExistingNodesConflict() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    Iq instant = set(owner, SERVICE, ps("<create/>"));
    assertResult(instant);
    assertNotNull(instant.payload().child("create", PS).attribute("node"));
    assertResult(create(owner, "n"));
    assertError(create(owner, "n"), StanzaError.Condition.CONFLICT, null);
    assertError(set(owner, SERVICE, ps("<create node='m'/><configure>" + form(
        "pubsub#access_model", "everyone") + "</configure>")),
        StanzaError.Condition.NOT_ACCEPTABLE, "unsupported-access-model"); // §8.1.2
  }

  // ---- §8.2 configure, §8.3 default, §8.4 delete, §8.5 purge

  @Test
  void ownerConfiguresAndOthersMayNot() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient other = client("bernardo@example.test/pda");
    assertResult(create(owner, "n"));
    Iq form = get(owner, SERVICE, owner("<configure node='n'/>"));
    Element x = form.payload().child("configure", OWNER).child("x", "jabber:x:data");
    assertEquals(PS + "#node_config", DataForm.formType(x));
    assertEquals(List.of("open"), DataForm.values(x).get("pubsub#access_model"));
    assertError(get(other, SERVICE, owner("<configure node='n'/>")),
        StanzaError.Condition.FORBIDDEN, null);
    assertError(get(owner, SERVICE, owner("<configure/>")), StanzaError.Condition.BAD_REQUEST,
        "nodeid-required");
    assertError(get(owner, SERVICE, owner("<configure node='x'/>")),
        StanzaError.Condition.ITEM_NOT_FOUND, null);
    assertResult(set(owner, SERVICE, owner("<configure node='n'>" + form(
        "pubsub#title", "Princely Musings") + "</configure>")));
    Element after = get(owner, SERVICE, owner("<configure node='n'/>")).payload()
        .child("configure", OWNER).child("x", "jabber:x:data");
    assertEquals(List.of("Princely Musings"), DataForm.values(after).get("pubsub#title"));
    Iq defaults = get(owner, SERVICE, owner("<default/>"));
    assertNotNull(defaults.payload().child("default", OWNER).child("x", "jabber:x:data"));
  }

  @Test
  void deleteNotifiesSubscribersAndPurgeEmptiesTheNode() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client("francisco@example.test/barracks");
    assertResult(create(owner, "n"));
    assertResult(subscribe(sub, "n"));
    assertResult(publish(owner, "n", "i", entry("x")));
    event(sub);
    assertError(set(sub, SERVICE, owner("<purge node='n'/>")), StanzaError.Condition.FORBIDDEN,
        null);
    assertResult(set(owner, SERVICE, owner("<purge node='n'/>")));
    assertEquals("purge", eventChild(event(sub)).name());
    assertTrue(get(owner, SERVICE, ps("<items node='n'/>")).payload().child("items", PS)
        .elements().isEmpty());
    assertError(set(sub, SERVICE, owner("<delete node='n'/>")), StanzaError.Condition.FORBIDDEN,
        null);
    assertResult(set(owner, SERVICE, owner("<delete node='n'/>")));
    Element delete = eventChild(event(sub));
    assertEquals("delete", delete.name());
    assertEquals("n", delete.attribute("node"));
    assertError(set(owner, SERVICE, owner("<delete node='n'/>")),
        StanzaError.Condition.ITEM_NOT_FOUND, null);
  }

  // ---- §8.8 subscriptions, §8.9 affiliations; §5.6, §5.7 the entity's own

  @Test
  void ownerManagesSubscriptionsAndAffiliations() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client("francisco@example.test/barracks");
    assertResult(create(owner, "n"));
    assertResult(subscribe(sub, "n"));
    Iq subs = get(owner, SERVICE, owner("<subscriptions node='n'/>"));
    assertEquals("francisco@example.test/barracks", subs.payload().child("subscriptions", OWNER)
        .elements().get(0).attribute("jid"));
    assertError(get(sub, SERVICE, owner("<subscriptions node='n'/>")),
        StanzaError.Condition.FORBIDDEN, null);
    assertResult(set(owner, SERVICE, owner("<subscriptions node='n'><subscription "
        + "jid='francisco@example.test/barracks' subscription='none'/></subscriptions>")));
    assertTrue(get(owner, SERVICE, owner("<subscriptions node='n'/>")).payload()
        .child("subscriptions", OWNER).elements().isEmpty());
    Iq affs = get(owner, SERVICE, owner("<affiliations node='n'/>"));
    Element a = affs.payload().child("affiliations", OWNER).elements().get(0);
    assertEquals("hamlet@example.test", a.attribute("jid"));
    assertEquals("owner", a.attribute("affiliation"));
    // The last owner stays.
    assertError(set(owner, SERVICE, owner("<affiliations node='n'><affiliation "
        + "jid='hamlet@example.test' affiliation='none'/></affiliations>")),
        StanzaError.Condition.NOT_ACCEPTABLE, null);
    assertResult(set(owner, SERVICE, owner("<affiliations node='n'><affiliation "
        + "jid='francisco@example.test' affiliation='publish-only'/></affiliations>")));
    Iq mine = get(sub, SERVICE, ps("<affiliations/>"));
    assertEquals("publish-only", mine.payload().child("affiliations", PS).elements().get(0)
        .attribute("affiliation"));
    // publish-only may publish but not retrieve
    assertResult(publish(sub, "n", "i", entry("x")));
    assertResult(subscribe(sub, "n"));
    Iq own = get(sub, SERVICE, ps("<subscriptions/>"));
    assertEquals("n", own.payload().child("subscriptions", PS).elements().get(0)
        .attribute("node"));
  }

  // ---- SPI: host access decisions

  @Test
  void hostPolicyDecidesBeforeTheAccessModel() throws Exception {
    server(b -> b.nodeAccessPolicy((service, node, requester, action) ->
        requester.local().equals("bernardo") ? NodeAccessPolicy.Decision.DENY
            : requester.local().equals("francisco") ? NodeAccessPolicy.Decision.ALLOW
            : NodeAccessPolicy.Decision.DEFAULT));
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient denied = client("bernardo@example.test/pda");
    TestClient allowed = client("francisco@example.test/barracks");
    assertResult(set(owner, SERVICE, ps("<create node='w'/><configure>" + form(
        "pubsub#access_model", "whitelist") + "</configure>")));
    assertError(subscribe(denied, "w"), StanzaError.Condition.FORBIDDEN, null);
    assertResult(subscribe(allowed, "w"));
    assertResult(publish(allowed, "w", "i", entry("allowed to publish too")));
  }

  // ---- fan-out through the service

  @Test
  void aPublishToManySubscribersDeliversExactlyOneNotificationEach() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    assertResult(create(owner, "wide"));
    int n = 200;
    List<TestClient> subs = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      TestClient c = client("u" + i + "@example.test/r");
      assertResult(subscribe(c, "wide"));
      subs.add(c);
    }
    assertResult(publish(owner, "wide", "once", entry("all")));
    for (TestClient c : subs) {
      assertEquals("once", eventChild(event(c)).child("item", EVENT).attribute("id"));
    }
    assertNull(subs.get(n - 1).none());
    for (TestClient c : subs) {
      assertTrue(c.inbox.isEmpty(), c.jid() + " got more than one");
    }
  }

  static String form(String... varValues) {
    return submitForm(PS + "#node_config", varValues);
  }

  static String submitForm(String formType, String... varValues) {
    StringBuilder sb = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>"
        + "<field var='FORM_TYPE' type='hidden'><value>" + formType + "</value></field>");
    for (int i = 0; i < varValues.length; i += 2) {
      sb.append("<field var='").append(varValues[i]).append("'><value>")
          .append(varValues[i + 1]).append("</value></field>");
    }
    return sb.append("</x>").toString();
  }

  static boolean isEvent(Stanza s) {
    return s instanceof Message m && m.child("event", EVENT) != null;
  }
}
