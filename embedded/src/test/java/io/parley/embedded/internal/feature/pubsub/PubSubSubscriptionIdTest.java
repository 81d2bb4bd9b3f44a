package io.parley.embedded.internal.feature.pubsub;

import static io.parley.embedded.internal.feature.pubsub.PubSubTest.EVENT;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.OWNER;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.PS;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.SERVICE;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.assertError;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.assertResult;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.entry;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.event;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.form;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.get;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.owner;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.ps;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.set;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.submitForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.StanzaError;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0060 §6.1.6 multiple subscriptions and the SubID errors of §6.2.3, §6.3.4 and §6.5.9;
 * the service's limits (§6.1.3.9 too many subscriptions, max-nodes-exceeded); the owner's
 * multiple modifications (§8.8.2, §8.9.2.5) and unsupported access models (§8.1.2).
 */
class PubSubSubscriptionIdTest {
  static final String JID = "francisco@example.test/barracks";

  @TempDir Path dataDir;
  Parley parley;

  void server(Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage();
    customize.accept(b);
    parley = b.build().start();
  }

  @AfterEach
  void close() {
    if (parley != null) {
      parley.close();
    }
  }

  TestClient client(String jid) {
    return new TestClient(parley, jid).available(0);
  }

  static String deliver(boolean on) {
    return "<options>" + submitForm(PS + "#subscribe_options", "pubsub#deliver", on ? "1" : "0")
        + "</options>";
  }

  static String subId(Iq subscribed) {
    return subscribed.payload().child("subscription", PS).attribute("subid");
  }

  @Test
  void otherOptionsMakeASecondSubscriptionAndTheSameOptionsReturnTheFirst() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client(JID);
    assertResult(set(owner, SERVICE, ps("<create node='n'/>")));
    String subscribe = "<subscribe node='n' jid='" + JID + "'/>";
    Iq quiet = set(sub, SERVICE, ps(subscribe + deliver(false)));
    assertResult(quiet);
    Iq loud = set(sub, SERVICE, ps(subscribe));
    assertResult(loud);
    assertNotEquals(subId(quiet), subId(loud));
    // The same options again (defaults spelled out): the existing subscription, as approved.
    assertEquals(subId(loud), subId(set(sub, SERVICE, ps(subscribe + deliver(true)))));
    assertEquals(subId(quiet), subId(set(sub, SERVICE, ps(subscribe + deliver(false)))));
    Iq mine = get(sub, SERVICE, ps("<subscriptions node='n'/>"));
    assertEquals(2, mine.payload().child("subscriptions", PS).elements().size());

    // One delivering subscription: a plain notification.
    assertResult(PubSubTest.set(owner, SERVICE, ps("<publish node='n'><item id='a'>"
        + entry("one") + "</item></publish>")));
    Message first = event(sub);
    assertNull(first.child("headers", PubSub.SHIM));

    // Options of one subscription by its SubID (§6.3); then both deliver: still one
    // notification, naming both SubIDs in SHIM headers (§6.1.6, §7.1.2.2).
    assertResult(set(sub, SERVICE, ps("<options node='n' jid='" + JID + "' subid='"
        + subId(quiet) + "'>" + submitForm(PS + "#subscribe_options", "pubsub#deliver", "1")
        + "</options>")));
    assertResult(PubSubTest.set(owner, SERVICE, ps("<publish node='n'><item id='b'>"
        + entry("two") + "</item></publish>")));
    Message second = event(sub);
    Element headers = second.child("headers", PubSub.SHIM);
    List<String> named = headers.elements().stream().map(Element::text).sorted().toList();
    assertEquals(List.of(subId(loud), subId(quiet)).stream().sorted().toList(), named);
    assertEquals("SubID", headers.elements().get(0).attribute("name"));
    assertNull(sub.none(s -> s instanceof Message m && m.child("event", EVENT) != null),
        "one notification per JID");
  }

  @Test
  void subIdErrorCases() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client(JID);
    assertResult(set(owner, SERVICE, ps("<create node='n'/>")));
    String subscribe = "<subscribe node='n' jid='" + JID + "'/>";
    String first = subId(set(sub, SERVICE, ps(subscribe)));
    String second = subId(set(sub, SERVICE, ps(subscribe + deliver(false))));
    String unsub = "<unsubscribe node='n' jid='" + JID + "'";
    String opts = "<options node='n' jid='" + JID + "'";
    // §6.2.3.1, §6.3.4.4, §6.5.9.1: several subscriptions and no SubID
    assertError(set(sub, SERVICE, ps(unsub + "/>")), StanzaError.Condition.BAD_REQUEST,
        "subid-required");
    assertError(get(sub, SERVICE, ps(opts + "/>")), StanzaError.Condition.BAD_REQUEST,
        "subid-required");
    assertError(get(sub, SERVICE, ps("<items node='n'/>")), StanzaError.Condition.BAD_REQUEST,
        "subid-required");
    // §6.2.3.5, §6.3.4.5, §6.5.9.2: a SubID that is not theirs
    assertError(set(sub, SERVICE, ps(unsub + " subid='nope'/>")),
        StanzaError.Condition.NOT_ACCEPTABLE, "invalid-subid");
    assertError(get(sub, SERVICE, ps(opts + " subid='nope'/>")),
        StanzaError.Condition.NOT_ACCEPTABLE, "invalid-subid");
    assertError(get(sub, SERVICE, ps("<items node='n' subid='nope'/>")),
        StanzaError.Condition.NOT_ACCEPTABLE, "invalid-subid");
    // §6.3.4.3: options need the subscriber's JID
    assertError(get(sub, SERVICE, ps("<options node='n' subid='" + first + "'/>")),
        StanzaError.Condition.BAD_REQUEST, "jid-required");
    // With the SubID each works on one subscription.
    Iq options = get(sub, SERVICE, ps(opts + " subid='" + second + "'/>"));
    assertResult(options);
    assertEquals(second, options.payload().child("options", PS).attribute("subid"));
    assertResult(get(sub, SERVICE, ps("<items node='n' subid='" + first + "'/>")));
    // §8.8.2: the owner, too, names one of several subscriptions by its SubID.
    Iq ambiguous = set(owner, SERVICE, owner("<subscriptions node='n'><subscription jid='" + JID
        + "' subscription='none'/></subscriptions>"));
    assertError(ambiguous, StanzaError.Condition.NOT_ACCEPTABLE, null);
    assertEquals("subscribed", ambiguous.child("pubsub", OWNER).child("subscriptions", OWNER)
        .elements().get(0).attribute("subscription"));
    assertResult(set(sub, SERVICE, ps(unsub + " subid='" + first + "'/>")));
    // One left: no SubID needed any more; then none (§6.2.3.2).
    assertResult(get(sub, SERVICE, ps("<items node='n'/>")));
    assertResult(set(sub, SERVICE, ps(unsub + "/>")));
    assertError(set(sub, SERVICE, ps(unsub + " subid='" + second + "'/>")),
        StanzaError.Condition.UNEXPECTED_REQUEST, "not-subscribed");
  }

  @Test
  void tooManySubscriptionsIsAPolicyViolationToWaitOn() throws Exception {
    server(b -> b.pubSubMaxSubscriptionsPerJid(1));
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient sub = client(JID);
    assertResult(set(owner, SERVICE, ps("<create node='n'/>")));
    String subscribe = "<subscribe node='n' jid='" + JID + "'/>";
    assertResult(set(sub, SERVICE, ps(subscribe)));
    assertResult(set(sub, SERVICE, ps(subscribe))); // the same one again is no new one
    Iq refused = set(sub, SERVICE, ps(subscribe + deliver(false)));
    assertError(refused, StanzaError.Condition.POLICY_VIOLATION, "too-many-subscriptions");
    assertEquals(StanzaError.Type.WAIT, refused.error().type()); // §6.1.3.9
  }

  @Test
  void creatingMoreNodesThanAllowedIsRefused() throws Exception {
    server(b -> b.pubSubMaxNodesPerOwner(1));
    TestClient hamlet = client("hamlet@example.test/elsinore");
    TestClient other = client(JID);
    assertResult(set(hamlet, SERVICE, ps("<create node='a'/>")));
    assertError(set(hamlet, SERVICE, ps("<create node='b'/>")),
        StanzaError.Condition.POLICY_VIOLATION, "max-nodes-exceeded");
    assertError(set(hamlet, SERVICE, ps("<create/>")),
        StanzaError.Condition.POLICY_VIOLATION, "max-nodes-exceeded");
    assertResult(set(other, SERVICE, ps("<create node='b'/>"))); // the limit is per owner
    // PEP: the account's nodes, auto-created by publishing, count too.
    assertResult(set(hamlet, "hamlet@example.test", ps("<publish node='urn:x:one'><item id='1'>"
        + entry("x") + "</item></publish>")));
    assertError(set(hamlet, "hamlet@example.test", ps("<publish node='urn:x:two'><item id='1'>"
        + entry("x") + "</item></publish>")),
        StanzaError.Condition.POLICY_VIOLATION, "max-nodes-exceeded");
  }

  @Test
  void anUnknownAccessModelIsNotAcceptable() throws Exception {
    server(b -> { });
    TestClient hamlet = client("hamlet@example.test/elsinore");
    // §8.1.2 (create with configuration) and §8.2 (configure)
    assertError(set(hamlet, SERVICE, ps("<create node='n'/><configure>"
        + form("pubsub#access_model", "pay-per-view") + "</configure>")),
        StanzaError.Condition.NOT_ACCEPTABLE, "unsupported-access-model");
    assertResult(set(hamlet, SERVICE, ps("<create node='n'/>")));
    assertError(set(hamlet, SERVICE, owner("<configure node='n'>"
        + form("pubsub#access_model", "pay-per-view") + "</configure>")),
        StanzaError.Condition.NOT_ACCEPTABLE, "unsupported-access-model");
  }

  @Test
  void ownerModificationsApplyTheValidEntriesAndReturnTheInvalidOnes() throws Exception {
    server(b -> { });
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient bard = client("bard@example.test/globe");
    assertResult(set(owner, SERVICE, ps("<create node='n'/>")));
    // §8.8.2
    Iq subs = set(owner, SERVICE, owner("<subscriptions node='n'>"
        + "<subscription jid='polonius@example.test' subscription='maybe'/>"
        + "<subscription jid='bard@example.test/globe' subscription='subscribed'/>"
        + "</subscriptions>"));
    assertError(subs, StanzaError.Condition.NOT_ACCEPTABLE, null);
    Element failed = subs.child("pubsub", OWNER).child("subscriptions", OWNER);
    assertEquals(1, failed.elements().size());
    assertEquals("polonius@example.test", failed.elements().get(0).attribute("jid"));
    assertEquals("none", failed.elements().get(0).attribute("subscription"));
    Element listed = get(owner, SERVICE, owner("<subscriptions node='n'/>")).payload()
        .child("subscriptions", OWNER);
    assertEquals(1, listed.elements().size());
    assertEquals("bard@example.test/globe", listed.elements().get(0).attribute("jid"));
    // §8.8.4: the entity whose subscription changed is told.
    Message told = event(bard);
    Element s = told.child("event", EVENT).child("subscription", EVENT);
    assertEquals("subscribed", s.attribute("subscription"));
    assertEquals("n", s.attribute("node"));
    // §8.9.2.5: the only owner stays owner, the other entry applies.
    Iq affs = set(owner, SERVICE, owner("<affiliations node='n'>"
        + "<affiliation jid='hamlet@example.test' affiliation='none'/>"
        + "<affiliation jid='bard@example.test' affiliation='publisher'/></affiliations>"));
    assertError(affs, StanzaError.Condition.NOT_ACCEPTABLE, null);
    Element refused = affs.child("pubsub", OWNER).child("affiliations", OWNER).elements().get(0);
    assertEquals("hamlet@example.test", refused.attribute("jid"));
    assertEquals("owner", refused.attribute("affiliation"));
    assertResult(PubSubTest.set(bard, SERVICE, ps("<publish node='n'><item id='i'>"
        + entry("by the bard") + "</item></publish>")));
    // Two entries for one entity: bad-request.
    assertError(set(owner, SERVICE, owner("<affiliations node='n'>"
        + "<affiliation jid='bard@example.test' affiliation='member'/>"
        + "<affiliation jid='bard@example.test' affiliation='none'/></affiliations>")),
        StanzaError.Condition.BAD_REQUEST, null);
    assertTrue(get(owner, SERVICE, owner("<affiliations node='n'/>")).payload()
        .child("affiliations", OWNER).elements().stream()
        .anyMatch(a -> "publisher".equals(a.attribute("affiliation"))));
  }

  @Test
  void theOtherErrorCasesOfSectionsSixToEight() throws Exception {
    server(b -> b.maxStanzaBytes(4096));
    TestClient owner = client("hamlet@example.test/elsinore");
    TestClient other = client(JID);
    // §6.1.3.10: subscriptions turned off on the node
    assertResult(set(owner, SERVICE, ps("<create node='closed'/><configure>"
        + form("pubsub#subscribe", "0") + "</configure>")));
    Iq off = set(other, SERVICE, ps("<subscribe node='closed' jid='" + JID + "'/>"));
    assertError(off, StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, "unsupported");
    assertEquals("subscribe", off.error().applicationCondition().attribute("feature"));
    // §7.1.3.4: payload too big
    assertError(set(owner, SERVICE, ps("<publish node='closed'><item id='big'>"
        + entry("x".repeat(5000)) + "</item></publish>")),
        StanzaError.Condition.NOT_ACCEPTABLE, "payload-too-big");
    // §6.5.9.3: an authorize node returns items to subscribers only
    assertResult(set(owner, SERVICE, ps("<create node='auth'/><configure>"
        + form("pubsub#access_model", "authorize") + "</configure>")));
    assertError(get(other, SERVICE, ps("<items node='auth'/>")),
        StanzaError.Condition.NOT_AUTHORIZED, "not-subscribed");
    // §6.5.9.10: an outcast may not retrieve
    assertResult(set(owner, SERVICE, owner("<affiliations node='closed'><affiliation jid="
        + "'francisco@example.test' affiliation='outcast'/></affiliations>")));
    assertError(get(other, SERVICE, ps("<items node='closed'/>")),
        StanzaError.Condition.FORBIDDEN, null);
    // §7.2.3.5, §8.5.3.2: a node without persistent items can neither retract nor purge
    assertResult(set(owner, SERVICE, ps("<create node='t'/><configure>"
        + form("pubsub#persist_items", "0") + "</configure>")));
    assertError(set(owner, SERVICE, ps("<retract node='t'><item id='i'/></retract>")),
        StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, "unsupported");
    assertError(set(owner, SERVICE, owner("<purge node='t'/>")),
        StanzaError.Condition.FEATURE_NOT_IMPLEMENTED, "unsupported");
    // §8.2.3.5, §8.4.3.2, §8.5.3.4: no such node
    assertError(get(owner, SERVICE, owner("<configure node='nope'/>")),
        StanzaError.Condition.ITEM_NOT_FOUND, null);
    assertError(set(owner, SERVICE, owner("<delete node='nope'/>")),
        StanzaError.Condition.ITEM_NOT_FOUND, null);
    assertError(set(owner, SERVICE, owner("<purge node='nope'/>")),
        StanzaError.Condition.ITEM_NOT_FOUND, null);
    // §8.5.3.3, §8.8.1.3, §8.9.1.3: owners only
    assertError(set(other, SERVICE, owner("<purge node='t'/>")),
        StanzaError.Condition.FORBIDDEN, null);
    assertError(get(other, SERVICE, owner("<affiliations node='t'/>")),
        StanzaError.Condition.FORBIDDEN, null);
    // §8.1.3.2: nobody creates nodes in another account's PEP; §8.1.3.5: PEP has no instant
    // nodes
    assertError(set(other, "hamlet@example.test", ps("<create node='urn:x'/>")),
        StanzaError.Condition.FORBIDDEN, null);
    assertError(set(owner, "hamlet@example.test", ps("<create/>")),
        StanzaError.Condition.NOT_ACCEPTABLE, "nodeid-required");
  }
}
