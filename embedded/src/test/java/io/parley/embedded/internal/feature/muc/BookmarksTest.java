package io.parley.embedded.internal.feature.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError.Condition;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0402 PEP Native Bookmarks, v1.2, through the server's PEP (XEP-0163): the client's
 * publish with the XEP's publish-options (§3.1), retrieval of every bookmark, notifications to
 * the account's own resources that announce {@code urn:xmpp:bookmarks:1+notify} and to nobody
 * else (whitelist), retraction with notify (§3.3), and the bookmarks kept across a restart.
 */
class BookmarksTest {
  static final String BOOKMARKS = "urn:xmpp:bookmarks:1";
  static final String PS = "http://jabber.org/protocol/pubsub";
  static final String EVENT = PS + "#event";
  static final String JULIET = "juliet@example.test";

  @TempDir Path dataDir;
  Parley parley;
  int caps;

  @BeforeEach
  void start() {
    parley = server();
  }

  private Parley server() {
    // Romeo is Juliet's contact, sharing presence: only the whitelist keeps her bookmarks his.
    return Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir)
        .rosterProvider(user -> List.of(new RosterItem(
            Jid.of(user.toString().equals(JULIET) ? "romeo@example.test" : JULIET), null,
            RosterItem.Subscription.BOTH, false, false, Set.of())))
        .build().start();
  }

  @AfterEach
  void stop() {
    parley.close();
  }

  /** Online with XEP-0115 caps announcing bookmarks+notify, answering the server's disco. */
  private TestClient online(String jid) throws InterruptedException {
    TestClient c = new TestClient(parley, jid);
    String ver = "v" + caps++;
    c.session.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of(
        Element.builder("c", "http://jabber.org/protocol/caps").attribute("hash", "sha-1")
            .attribute("node", "https://parley.test").attribute("ver", ver).build())));
    Iq q = (Iq) c.next(s -> s instanceof Iq iq && iq.isRequest()
        && iq.child("query", Muc.DISCO_INFO) != null);
    c.session.send(q.result(Element.builder("query", Muc.DISCO_INFO)
        .attribute("node", "https://parley.test#" + ver)
        .child(Element.builder("feature", Muc.DISCO_INFO)
            .attribute("var", BOOKMARKS + "+notify").build()).build()));
    return c;
  }

  // XEP-0402 §3.1 example: one item per room, id = the room's JID, with the publish-options.
  private static Element publish(String room, String name) {
    return XmlOutput.element("<pubsub xmlns='" + PS + "'><publish node='" + BOOKMARKS + "'>"
        + "<item id='" + room + "'><conference xmlns='" + BOOKMARKS + "' name='" + name + "'"
        + " autojoin='true'><nick>JC</nick></conference></item></publish>"
        + "<publish-options><x xmlns='jabber:x:data' type='submit'>"
        + "<field var='FORM_TYPE' type='hidden'><value>" + PS + "#publish-options</value></field>"
        + "<field var='pubsub#persist_items'><value>true</value></field>"
        + "<field var='pubsub#max_items'><value>max</value></field>"
        + "<field var='pubsub#send_last_published_item'><value>never</value></field>"
        + "<field var='pubsub#access_model'><value>whitelist</value></field>"
        + "</x></publish-options></pubsub>");
  }

  private static Element items() {
    return XmlOutput.element("<pubsub xmlns='" + PS + "'><items node='" + BOOKMARKS + "'/>"
        + "</pubsub>");
  }

  private static Element event(TestClient c) throws InterruptedException {
    Stanza s = c.next(x -> x instanceof Message m && m.child("event", EVENT) != null);
    assertEquals(Jid.of(JULIET), s.from());
    Element items = s.child("event", EVENT).child("items", EVENT);
    assertEquals(BOOKMARKS, items.attribute("node"));
    return items;
  }

  private static List<Element> stored(TestClient c) throws InterruptedException {
    Iq result = c.request(Iq.Type.GET, Jid.of(JULIET), items());
    assertEquals(Iq.Type.RESULT, result.type(), result::toString);
    return result.payload().child("items", PS).elements().stream()
        .filter(e -> e.name().equals("item")).toList();
  }

  @Test
  void bookmarksArePublishedKeptAllAndNotifiedToOwnResourcesOnly() throws Exception {
    TestClient balcony = online(JULIET + "/balcony");
    TestClient chamber = online(JULIET + "/chamber");
    TestClient romeo = online("romeo@example.test/orchard");

    Iq first = balcony.request(Iq.Type.SET, null, publish("theplay@conference.example.test",
        "The Play"));
    assertEquals(Iq.Type.RESULT, first.type(), first::toString);
    Iq second = balcony.request(Iq.Type.SET, null, publish("orchard@conference.example.test",
        "Orchard"));
    assertEquals(Iq.Type.RESULT, second.type(), second::toString);
    for (TestClient c : List.of(balcony, chamber)) {
      Element item = event(c).child("item", EVENT);
      assertEquals("theplay@conference.example.test", item.attribute("id"));
      Element conference = item.child("conference", BOOKMARKS);
      assertEquals("The Play", conference.attribute("name"));
      assertEquals("JC", conference.childText("nick", BOOKMARKS));
      event(c);
    }
    assertNull(romeo.none(s -> s instanceof Message m && m.child("event", EVENT) != null),
        "whitelist: a contact with +notify gets nothing");
    // §3.2: max_items=max keeps every bookmark, and only the owner reads them.
    assertEquals(List.of("theplay@conference.example.test", "orchard@conference.example.test"),
        stored(chamber).stream().map(e -> e.attribute("id")).toList());
    Iq refused = romeo.request(Iq.Type.GET, Jid.of(JULIET), items());
    assertEquals(Condition.NOT_ALLOWED, refused.error().condition(), refused::toString);

    // §3.3: removing a bookmark is a retraction with notify.
    Iq retract = balcony.request(Iq.Type.SET, null, XmlOutput.element("<pubsub xmlns='" + PS
        + "'><retract node='" + BOOKMARKS + "' notify='true'>"
        + "<item id='orchard@conference.example.test'/></retract></pubsub>"));
    assertEquals(Iq.Type.RESULT, retract.type(), retract::toString);
    Element retraction = event(chamber).child("retract", EVENT);
    assertNotNull(retraction);
    assertEquals("orchard@conference.example.test", retraction.attribute("id"));
    assertEquals(1, stored(balcony).size());
  }

  @Test
  void bookmarksSurviveARestart() throws Exception {
    TestClient balcony = online(JULIET + "/balcony");
    Iq published = balcony.request(Iq.Type.SET, null, publish("theplay@conference.example.test",
        "The Play"));
    assertEquals(Iq.Type.RESULT, published.type(), published::toString);
    parley.close();
    parley = server();
    caps = 100;
    TestClient again = online(JULIET + "/balcony");
    List<Element> items = stored(again);
    assertEquals(1, items.size());
    assertEquals("The Play", items.get(0).child("conference", BOOKMARKS).attribute("name"));
  }
}
