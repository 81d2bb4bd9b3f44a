package io.parley.embedded.internal.feature.pubsub;

import static io.parley.embedded.internal.feature.pubsub.PubSubTest.EVENT;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.testing.TestClient;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.storage.PubSubItem;
import io.parley.spi.storage.PubSubStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0060 node options beyond the basics (§17.4.4): {@code pubsub#notify_sub},
 * {@code pubsub#item_expire} and {@code pubsub#presence_based_delivery}.
 */
class PubSubNodeOptionsTest {
  static final String SUB = "francisco@example.test/barracks";

  @TempDir Path dataDir;
  Parley parley;
  TestClient hamlet;

  @BeforeEach
  void start() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage().build().start();
    hamlet = new TestClient(parley, "hamlet@example.test/elsinore").available(0);
  }

  @AfterEach
  void close() {
    parley.close();
  }

  static boolean isEvent(io.parley.spi.stanza.Stanza s) {
    return s instanceof Message m && m.child("event", EVENT) != null;
  }

  @Test
  void notifySubTellsTheOwnerOfSubscribesAndUnsubscribes() throws Exception {
    assertResult(set(hamlet, SERVICE, ps("<create node='n'/><configure>"
        + form("pubsub#notify_sub", "1") + "</configure>")));
    TestClient sub = new TestClient(parley, SUB).available(0);
    assertResult(set(sub, SERVICE, ps("<subscribe node='n' jid='" + SUB + "'/>")));
    Element s = event(hamlet).child("event", EVENT).child("subscription", EVENT);
    assertEquals("n", s.attribute("node"));
    assertEquals(SUB, s.attribute("jid"));
    assertEquals("subscribed", s.attribute("subscription"));
    assertResult(set(sub, SERVICE, ps("<unsubscribe node='n' jid='" + SUB + "'/>")));
    s = event(hamlet).child("event", EVENT).child("subscription", EVENT);
    assertEquals("none", s.attribute("subscription"));
    // Off by default.
    assertResult(set(hamlet, SERVICE, ps("<create node='quiet'/>")));
    assertResult(set(sub, SERVICE, ps("<subscribe node='quiet' jid='" + SUB + "'/>")));
    assertNull(hamlet.none(PubSubNodeOptionsTest::isEvent));
  }

  @Test
  void expiredItemsAreNeitherReturnedNorKept() throws Exception {
    assertResult(set(hamlet, SERVICE, ps("<create node='n'/><configure>"
        + form("pubsub#item_expire", "3600") + "</configure>")));
    assertError(set(hamlet, SERVICE, owner("<configure node='n'>"
        + form("pubsub#item_expire", "soon") + "</configure>")),
        StanzaError.Condition.NOT_ACCEPTABLE, null);
    // An item published two hours ago (put in the store with that date), and a fresh one.
    PubSubStore store = ParleyTestAccess.config(parley).stores().pubSub();
    store.publish(Jid.of(SERVICE), "n", new PubSubItem("old", Jid.of("hamlet@example.test"),
        Instant.now().minusSeconds(7200), XmlOutput.element(entry("stale"))), 10);
    assertResult(set(hamlet, SERVICE, ps("<publish node='n'><item id='new'>" + entry("fresh")
        + "</item></publish>")));
    Iq all = get(hamlet, SERVICE, ps("<items node='n'/>"));
    List<String> ids = all.payload().child("items", PS).elements().stream()
        .map(e -> e.attribute("id")).toList();
    assertEquals(List.of("new"), ids);
    assertTrue(get(hamlet, SERVICE, ps("<items node='n'><item id='old'/></items>")).payload()
        .child("items", PS).elements().isEmpty());
    assertTrue(store.item(Jid.of(SERVICE), "n", "old").isEmpty(), "purged");
    assertTrue(store.item(Jid.of(SERVICE), "n", "new").isPresent());
  }

  @Test
  void presenceBasedDeliverySkipsSessionsWithoutAvailablePresence() throws Exception {
    assertResult(set(hamlet, SERVICE, ps("<create node='pb'/><configure>"
        + form("pubsub#presence_based_delivery", "1") + "</configure>")));
    assertResult(set(hamlet, SERVICE, ps("<create node='all'/>")));
    // Bound, but no initial presence yet.
    TestClient sub = new TestClient(parley, SUB);
    for (String node : List.of("pb", "all")) {
      assertResult(set(sub, SERVICE, ps("<subscribe node='" + node + "' jid='" + SUB + "'/>")));
    }
    assertResult(set(hamlet, SERVICE, ps("<publish node='pb'><item id='1'>" + entry("x")
        + "</item></publish>")));
    assertResult(set(hamlet, SERVICE, ps("<publish node='all'><item id='1'>" + entry("x")
        + "</item></publish>")));
    Message m = event(sub);
    assertEquals("all", m.child("event", EVENT).elements().get(0).attribute("node"));
    assertNull(sub.none(PubSubNodeOptionsTest::isEvent), "nothing from the presence-based node");
    sub.available(0);
    assertResult(set(hamlet, SERVICE, ps("<publish node='pb'><item id='2'>" + entry("y")
        + "</item></publish>")));
    assertEquals("pb", event(sub).child("event", EVENT).elements().get(0).attribute("node"));
  }
}
