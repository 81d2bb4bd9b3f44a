package io.parley.embedded.internal.feature.pubsub;

import static io.parley.embedded.internal.feature.pubsub.PubSubTest.EVENT;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.PS;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.assertError;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.assertResult;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.event;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.eventChild;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.get;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.ps;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.set;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.submitForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0163 personal eventing: auto-create, +notify interest from XEP-0115, access, XEP-0223. */
class PepTest {
  static final String TUNE = "http://jabber.org/protocol/tune";
  static final String GEOLOC = "http://jabber.org/protocol/geoloc";
  static final String JULIET = "juliet@example.test";
  static final String ROMEO = "romeo@example.test";

  @TempDir Path dataDir;
  Parley parley;

  @BeforeEach
  void start() {
    // Juliet and Romeo share presence both ways; Tybalt is nobody's contact.
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir)
        .rosterProvider(user -> switch (user.toString()) {
          case JULIET -> List.of(new RosterItem(Jid.of(ROMEO), null, RosterItem.Subscription.BOTH,
              false, false, Set.of("friends")));
          case ROMEO -> List.of(new RosterItem(Jid.of(JULIET), null,
              RosterItem.Subscription.BOTH, false, false, Set.of()));
          default -> List.of();
        })
        .build().start();
  }

  @AfterEach
  void close() {
    parley.close();
  }

  private final Set<String> known = new java.util.HashSet<>();

  /**
   * Comes online announcing XEP-0115 caps (a {@code ver} computed from the features, as the
   * server verifies it), and answers the server's disco#info query; the server asks once per
   * {@code ver}, then uses its cache. {@code label} only names the client kind.
   */
  TestClient online(String jid, String label, String... features) throws InterruptedException {
    TestClient c = new TestClient(parley, jid);
    Element.Builder info = Element.builder("query", "http://jabber.org/protocol/disco#info");
    for (String f : features) {
      info.child(Element.builder("feature", "http://jabber.org/protocol/disco#info")
          .attribute("var", f).build());
    }
    String ver = CapsHash.of(info.build(), "sha-1");
    boolean cached = !known.add(ver);
    c.session.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of(
        Element.builder("c", "http://jabber.org/protocol/caps")
            .attribute("hash", "sha-1").attribute("node", "https://parley.test")
            .attribute("ver", ver).build())));
    if (cached) {
      return c;
    }
    Stanza q = c.next(s -> s instanceof Iq iq && iq.isRequest()
        && iq.child("query", "http://jabber.org/protocol/disco#info") != null);
    c.session.send(((Iq) q).result(info.attribute("node", "https://parley.test#" + ver)
        .build()));
    return c;
  }

  static void noEvent(TestClient c) throws InterruptedException {
    Stanza s;
    while ((s = c.inbox.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
      assertTrue(!PubSubTest.isEvent(s), () -> "unexpected notification to " + c.jid());
    }
  }

  static String tune(String title) {
    return "<tune xmlns='" + TUNE + "'><title>" + title + "</title></tune>";
  }

  static Iq publish(TestClient c, String node, String item) throws InterruptedException {
    return set(c, c.jid().asBare().toString(), ps("<publish node='" + node + "'><item id='current'>"
        + item + "</item></publish>"));
  }

  @Test
  void accountsAndTheServerAdvertisePep() throws Exception {
    TestClient j = new TestClient(parley, JULIET + "/balcony");
    for (String target : List.of(JULIET, "example.test")) {
      Iq info = get(j, target, "<query xmlns='http://jabber.org/protocol/disco#info'/>");
      assertTrue(info.payload().elements().stream().anyMatch(
          f -> (PS + "#auto-create").equals(f.attribute("var"))), target);
    }
  }

  @Test
  void publishAutoCreatesAndNotifiesInterestedContactsAndOwnResources() throws Exception {
    TestClient romeo = online(ROMEO + "/orchard", "v-notify", TUNE + "+notify");
    TestClient other = online(JULIET + "/chamber", "v-notify", TUNE + "+notify");
    TestClient juliet = online(JULIET + "/balcony", "v-none", "http://jabber.org/protocol/caps");
    TestClient tybalt = online("tybalt@example.test/street", "v-notify", TUNE + "+notify");
    assertResult(publish(juliet, TUNE, tune("Yesterday")));
    for (TestClient c : List.of(romeo, other)) {
      Message m = event(c);
      assertEquals(Jid.of(JULIET), m.from());
      Element items = eventChild(m);
      assertEquals(TUNE, items.attribute("node"));
      assertEquals("Yesterday", items.child("item", EVENT).elements().get(0)
          .childText("title", TUNE));
    }
    noEvent(juliet); // no +notify, no notification
    noEvent(tybalt); // presence access: not a contact
  }

  /** Announces {@code ver} and answers the server's query with {@code features}. */
  static void announce(TestClient c, String ver, String... features) throws InterruptedException {
    c.session.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of(
        Element.builder("c", "http://jabber.org/protocol/caps")
            .attribute("hash", "sha-1").attribute("node", "https://parley.test")
            .attribute("ver", ver).build())));
    Stanza q = c.next(s -> s instanceof Iq iq && iq.isRequest()
        && iq.child("query", "http://jabber.org/protocol/disco#info") != null);
    Element.Builder info = Element.builder("query", "http://jabber.org/protocol/disco#info")
        .attribute("node", "https://parley.test#" + ver);
    for (String f : features) {
      info.child(Element.builder("feature", "http://jabber.org/protocol/disco#info")
          .attribute("var", f).build());
    }
    c.session.send(((Iq) q).result(info.build()));
  }

  @Test
  void anAnswerThatDoesNotVerifyServesItsOwnSessionOnly() throws Exception {
    // XEP-0115 §5.4: the answer does not hash to the ver, so it is not cached under it; the
    // next session with that ver is asked again (announce waits for the query), and its own,
    // different answer counts for it.
    TestClient juliet = online(JULIET + "/balcony", "v-none", "x");
    TestClient romeo = new TestClient(parley, ROMEO + "/orchard");
    announce(romeo, "bogus+ver=", TUNE + "+notify");
    TestClient phone = new TestClient(parley, ROMEO + "/phone");
    announce(phone, "bogus+ver=", "http://jabber.org/protocol/caps");
    assertResult(publish(juliet, TUNE, tune("Unverified")));
    assertEquals(TUNE, eventChild(event(romeo)).attribute("node"));
    noEvent(phone);
  }

  @Test
  void aResourceThatAnnouncesInterestLaterGetsTheLastItem() throws Exception {
    TestClient juliet = online(JULIET + "/balcony", "v-none", "x");
    assertResult(publish(juliet, GEOLOC, "<geoloc xmlns='" + GEOLOC + "'><lat>45.44</lat>"
        + "</geoloc>"));
    TestClient romeo = online(ROMEO + "/orchard", "v-geo", GEOLOC + "+notify");
    Message m = event(romeo);
    assertEquals(GEOLOC, eventChild(m).attribute("node"));
  }

  @Test
  void onlyTheOwnerPublishesAndThePresenceModelGuardsRetrieval() throws Exception {
    TestClient juliet = online(JULIET + "/balcony", "v-none", "x");
    TestClient romeo = online(ROMEO + "/orchard", "v-none", "x");
    TestClient tybalt = online("tybalt@example.test/street", "v-none", "x");
    assertResult(publish(juliet, TUNE, tune("Yesterday")));
    assertError(set(romeo, JULIET, ps("<publish node='" + TUNE + "'><item>" + tune("x")
        + "</item></publish>")), StanzaError.Condition.FORBIDDEN, null);
    assertResult(get(romeo, JULIET, ps("<items node='" + TUNE + "'/>")));
    assertError(get(tybalt, JULIET, ps("<items node='" + TUNE + "'/>")),
        StanzaError.Condition.NOT_AUTHORIZED, "presence-subscription-required");
    // Without 'to', the request is for the sender's own account.
    Iq own = juliet.request(Iq.Type.GET, null, io.parley.embedded.testing.XmlOutput.element(
        ps("<items node='" + TUNE + "'/>")));
    assertEquals("current", own.payload().child("items", PS).elements().get(0).attribute("id"));
  }

  @Test
  void discoInfoOnANodeOfAnAccountAnswersFromPep() throws Exception {
    TestClient juliet = online(JULIET + "/balcony", "v-none", "x");
    TestClient romeo = online(ROMEO + "/orchard", "v-none", "x");
    TestClient tybalt = online("tybalt@example.test/street", "v-none", "x");
    assertResult(publish(juliet, TUNE, tune("Yesterday")));
    String query = "<query xmlns='http://jabber.org/protocol/disco#info' node='" + TUNE + "'/>";
    Iq info = get(romeo, JULIET, query);
    assertResult(info);
    assertEquals(Jid.of(JULIET), info.from());
    assertEquals("leaf", info.payload().elements().get(0).attribute("type"));
    // Unknown node, and a node the access model hides: item-not-found alike.
    assertError(get(romeo, JULIET, "<query xmlns='http://jabber.org/protocol/disco#info' "
        + "node='nope'/>"), StanzaError.Condition.ITEM_NOT_FOUND, null);
    assertError(get(tybalt, JULIET, query), StanzaError.Condition.ITEM_NOT_FOUND, null);
  }

  @Test
  void privateStorageUsesWhitelistPublishOptions() throws Exception {
    TestClient juliet = online(JULIET + "/balcony", "v-none", "x");
    TestClient romeo = online(ROMEO + "/orchard", "v-none", "x");
    String node = "storage:bookmarks";
    String options = "<publish-options>" + submitForm(PS + "#publish-options",
        "pubsub#persist_items", "true", "pubsub#access_model", "whitelist")
        + "</publish-options>";
    String publish = ps("<publish node='" + node + "'><item id='current'><storage "
        + "xmlns='storage:bookmarks'/></item></publish>" + options);
    assertResult(set(juliet, JULIET, publish));
    assertResult(set(juliet, JULIET, publish)); // the options still hold
    assertError(get(romeo, JULIET, ps("<items node='" + node + "'/>")),
        StanzaError.Condition.NOT_ALLOWED, "closed-node");
    String open = "<publish-options>" + submitForm(PS + "#publish-options",
        "pubsub#access_model", "open") + "</publish-options>";
    assertError(set(juliet, JULIET, ps("<publish node='" + node + "'><item id='current'>"
        + "<storage xmlns='storage:bookmarks'/></item></publish>" + open)),
        StanzaError.Condition.CONFLICT, "precondition-not-met");
  }

  static List<String> nodes(Iq items) {
    return items.payload().elements().stream().map(e -> e.attribute("node")).sorted().toList();
  }

  @Test
  void accountDiscoItemsListThePepNodesTheRequesterMaySee() throws Exception {
    // XEP-0163 §6.2: each node's access model is checked for the requester.
    for (String user : List.of("juliet", "romeo", "tybalt")) {
      io.parley.embedded.ParleyTestAccess.config(parley).credentialStore().create(user, "pw");
    }
    TestClient juliet = online(JULIET + "/balcony", "v-none", "x");
    TestClient romeo = online(ROMEO + "/orchard", "v-none", "x");
    TestClient tybalt = online("tybalt@example.test/street", "v-none", "x");
    assertResult(publish(juliet, TUNE, tune("Yesterday"))); // presence access
    assertResult(set(juliet, JULIET, ps("<publish node='storage:bookmarks'><item id='current'>"
        + "<storage xmlns='storage:bookmarks'/></item></publish><publish-options>"
        + submitForm(PS + "#publish-options", "pubsub#access_model", "whitelist")
        + "</publish-options>")));
    String items = "<query xmlns='http://jabber.org/protocol/disco#items'/>";
    Iq own = get(juliet, JULIET, items);
    assertEquals(List.of(TUNE, "storage:bookmarks"), nodes(own));
    assertEquals(JULIET, own.payload().elements().get(0).attribute("jid"));
    Iq romeos = get(romeo, JULIET, items);
    assertEquals(List.of(TUNE), nodes(romeos), romeos::toString);
    assertEquals(List.of(), nodes(get(tybalt, JULIET, items)));
    // An account without nodes has no items; a missing one is service-unavailable as before.
    assertEquals(List.of(), nodes(get(juliet, ROMEO, items)));
    assertError(get(juliet, "nobody@example.test", items),
        StanzaError.Condition.SERVICE_UNAVAILABLE, null);
  }
}
