package io.parley.embedded.internal.transport.tcp;

import static io.parley.embedded.internal.transport.tcp.C2sHarness.assertSent;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.feed;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.read;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.readElements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XEP-0060 over the real pipeline, byte level, in every chunking: requests, errors, events. */
class PubSubStreamTest {
  private static final String PS = "http://jabber.org/protocol/pubsub";

  @TempDir Path dataDir;
  private C2sHarness harness;

  @BeforeEach
  void start() {
    harness = new C2sHarness(dataDir);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096})
  void publishReachesTheSubscriberAsOneSharedSerialization(int chunk) {
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    EmbeddedChannel romeo = harness.bound("romeo@example.test/orchard", "jul1et");
    read(juliet); // romeo's presence is not juliet's business here, but drain anything
    feed(juliet, "<iq type='set' id='c1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<create node='balcony'/></pubsub></iq>", chunk);
    assertSent(juliet, "<iq type='result' id='c1' from='pubsub.example.test' "
        + "to='juliet@example.test/balcony'/>");
    feed(romeo, "<iq type='set' id='s1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<subscribe node='balcony' jid='romeo@example.test/orchard'/></pubsub></iq>", chunk);
    var sub = readElements(romeo).get(0);
    assertEquals("result", sub.attribute("type"));
    assertEquals("subscribed", sub.elements().get(0).elements().get(0).attribute("subscription"));
    feed(juliet, "<iq type='set' id='p1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<publish node='balcony'><item id='i1'><line xmlns='urn:example:verse'>"
        + "What light through yonder window breaks?</line></item></publish></pubsub></iq>",
        chunk);
    assertSent(juliet, "<iq type='result' id='p1' from='pubsub.example.test' "
        + "to='juliet@example.test/balcony'><pubsub xmlns='" + PS + "'><publish node='balcony'>"
        + "<item id='i1'/></publish></pubsub></iq>");
    String event = read(romeo);
    assertEquals(true, event.startsWith("<message to='romeo@example.test/orchard' "
        + "from='pubsub.example.test' id='"), event);
    var m = C2sHarness.readElements(romeo); // nothing more
    assertEquals(0, m.size());
    var parsed = io.parley.embedded.testing.XmlOutput.elements(event).get(0);
    assertEquals("headline", parsed.attribute("type"));
    assertEquals(io.parley.embedded.testing.XmlOutput.element(
        "<event xmlns='" + PS + "#event'><items node='balcony'><item id='i1'>"
        + "<line xmlns='urn:example:verse'>What light through yonder window breaks?</line>"
        + "</item></items></event>"), parsed.elements().get(0));
    assertFalse(juliet.finish());
    assertFalse(romeo.finish());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096})
  void anErrorCarriesTheStanzaAndPubSubConditions(int chunk) {
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    feed(juliet, "<iq type='set' id='x1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<subscribe node='nowhere' jid='romeo@example.test'/></pubsub></iq>", chunk);
    assertSent(juliet, "<iq type='error' id='x1' from='pubsub.example.test' "
        + "to='juliet@example.test/balcony'><error type='modify'>"
        + "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        + "<invalid-jid xmlns='" + PS + "#errors'/></error></iq>");
    assertFalse(juliet.finish());
  }

  private static String subscribe(String id, String jid, boolean deliver) {
    return "<iq type='set' id='" + id + "' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<subscribe node='balcony' jid='" + jid + "'/>"
        + (deliver ? "" : "<options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'"
        + " type='hidden'><value>" + PS + "#subscribe_options</value></field>"
        + "<field var='pubsub#deliver'><value>0</value></field></x></options>")
        + "</pubsub></iq>";
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096})
  void secondSubscriptionNeedsItsSubIdOnTheWire(int chunk) {
    // XEP-0060 §6.1.6, §6.2.3.1, §6.2.3.5
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    EmbeddedChannel romeo = harness.bound("romeo@example.test/orchard", "jul1et");
    read(juliet);
    feed(juliet, "<iq type='set' id='c1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<create node='balcony'/></pubsub></iq>");
    read(juliet);
    feed(romeo, subscribe("s1", "romeo@example.test", true), chunk);
    String first = readElements(romeo).get(0).elements().get(0).elements().get(0)
        .attribute("subid");
    feed(romeo, subscribe("s2", "romeo@example.test", false), chunk);
    String second = readElements(romeo).get(0).elements().get(0).elements().get(0)
        .attribute("subid");
    assertFalse(first.equals(second));
    feed(romeo, "<iq type='set' id='u1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<unsubscribe node='balcony' jid='romeo@example.test'/></pubsub></iq>", chunk);
    assertSent(romeo, "<iq type='error' id='u1' from='pubsub.example.test' "
        + "to='romeo@example.test/orchard'><error type='modify'>"
        + "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        + "<subid-required xmlns='" + PS + "#errors'/></error></iq>");
    feed(romeo, "<iq type='set' id='u2' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<unsubscribe node='balcony' jid='romeo@example.test' subid='x'/></pubsub></iq>",
        chunk);
    assertSent(romeo, "<iq type='error' id='u2' from='pubsub.example.test' "
        + "to='romeo@example.test/orchard'><error type='modify'>"
        + "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        + "<invalid-subid xmlns='" + PS + "#errors'/></error></iq>");
    feed(romeo, "<iq type='set' id='u3' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<unsubscribe node='balcony' jid='romeo@example.test' subid='" + second
        + "'/></pubsub></iq>", chunk);
    assertSent(romeo, "<iq type='result' id='u3' from='pubsub.example.test' "
        + "to='romeo@example.test/orchard'/>");
    assertFalse(juliet.finish());
    assertFalse(romeo.finish());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096})
  void ownerModificationErrorCarriesTheRefusedEntries(int chunk) {
    // XEP-0060 §8.9.2.5: the error holds the unaltered affiliation of the refused entry
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    feed(juliet, "<iq type='set' id='c1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<create node='balcony'/></pubsub></iq>");
    read(juliet);
    feed(juliet, "<iq type='set' id='a1' to='pubsub.example.test'><pubsub xmlns='" + PS
        + "#owner'><affiliations node='balcony'><affiliation jid='juliet@example.test' "
        + "affiliation='none'/><affiliation jid='romeo@example.test' affiliation='publisher'/>"
        + "</affiliations></pubsub></iq>", chunk);
    assertSent(juliet, "<iq type='error' id='a1' from='pubsub.example.test' "
        + "to='juliet@example.test/balcony'><pubsub xmlns='" + PS + "#owner'>"
        + "<affiliations node='balcony'><affiliation jid='juliet@example.test' "
        + "affiliation='owner'/></affiliations></pubsub><error type='modify'>"
        + "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    assertFalse(juliet.finish());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096})
  void accountDiscoItemsListPepNodes(int chunk) {
    // XEP-0163 §6.2: the owner sees its nodes (a contact-less stranger would see none here)
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    feed(juliet, "<iq type='set' id='p1'><pubsub xmlns='" + PS + "'><publish "
        + "node='http://jabber.org/protocol/tune'><item id='current'><tune "
        + "xmlns='http://jabber.org/protocol/tune'/></item></publish></pubsub></iq>");
    read(juliet);
    feed(juliet, "<iq type='get' id='d1' to='juliet@example.test'><query "
        + "xmlns='http://jabber.org/protocol/disco#items'/></iq>", chunk);
    assertSent(juliet, "<iq type='result' id='d1' from='juliet@example.test' "
        + "to='juliet@example.test/balcony'><query xmlns='http://jabber.org/protocol/disco#items'>"
        + "<item jid='juliet@example.test' node='http://jabber.org/protocol/tune'/></query></iq>");
    EmbeddedChannel romeo = harness.bound("romeo@example.test/orchard", "jul1et");
    feed(romeo, "<iq type='get' id='d2' to='juliet@example.test'><query "
        + "xmlns='http://jabber.org/protocol/disco#items'/></iq>", chunk);
    assertSent(romeo, "<iq type='result' id='d2' from='juliet@example.test' "
        + "to='romeo@example.test/orchard'><query "
        + "xmlns='http://jabber.org/protocol/disco#items'/></iq>");
    assertFalse(juliet.finish());
    assertFalse(romeo.finish());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096})
  void twoDeliveringSubscriptionsGetOneNotificationWithShimSubIds(int chunk) {
    // XEP-0060 §6.1.6 and §7.1.2.2
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    EmbeddedChannel romeo = harness.bound("romeo@example.test/orchard", "jul1et");
    read(juliet);
    feed(juliet, "<iq type='set' id='c1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<create node='balcony'/></pubsub></iq>");
    read(juliet);
    feed(romeo, subscribe("s1", "romeo@example.test", true), chunk);
    String first = readElements(romeo).get(0).elements().get(0).elements().get(0)
        .attribute("subid");
    feed(romeo, subscribe("s2", "romeo@example.test", false), chunk);
    String second = readElements(romeo).get(0).elements().get(0).elements().get(0)
        .attribute("subid");
    feed(romeo, "<iq type='set' id='o1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<options node='balcony' jid='romeo@example.test' subid='" + second + "'>"
        + "<x xmlns='jabber:x:data' type='submit'><field var='pubsub#deliver'><value>1</value>"
        + "</field></x></options></pubsub></iq>", chunk);
    assertSent(romeo, "<iq type='result' id='o1' from='pubsub.example.test' "
        + "to='romeo@example.test/orchard'/>");
    feed(juliet, "<iq type='set' id='p1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<publish node='balcony'><item id='i1'><line xmlns='urn:example:verse'>Ay me!</line>"
        + "</item></publish></pubsub></iq>", chunk);
    read(juliet);
    var messages = readElements(romeo);
    assertEquals(1, messages.size(), messages::toString);
    var m = messages.get(0);
    assertEquals("romeo@example.test", m.attribute("to"));
    assertEquals(io.parley.embedded.testing.XmlOutput.element(
        "<headers xmlns='http://jabber.org/protocol/shim'><header name='SubID'>" + first
        + "</header><header name='SubID'>" + second + "</header></headers>"),
        m.elements().get(1));
    assertFalse(juliet.finish());
    assertFalse(romeo.finish());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096})
  void getPendingCompletesAndSendsTheAuthorizationForms(int chunk) {
    // XEP-0060 §8.7
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    EmbeddedChannel romeo = harness.bound("romeo@example.test/orchard", "jul1et");
    read(juliet);
    feed(juliet, "<iq type='set' id='c1' to='pubsub.example.test'><pubsub xmlns='" + PS + "'>"
        + "<create node='balcony'/><configure><x xmlns='jabber:x:data' type='submit'>"
        + "<field var='pubsub#access_model'><value>authorize</value></field></x></configure>"
        + "</pubsub></iq>");
    read(juliet);
    feed(romeo, subscribe("s1", "romeo@example.test", true));
    String subId = readElements(romeo).get(0).elements().get(0).elements().get(0)
        .attribute("subid");
    read(juliet); // the request sent at once (§8.6.1)
    feed(juliet, "<iq type='set' id='g1' to='pubsub.example.test'><command "
        + "xmlns='http://jabber.org/protocol/commands' node='" + PS + "#get-pending' "
        + "sessionid='s-1' action='execute'><x xmlns='jabber:x:data' type='submit'>"
        + "<field var='pubsub#node'><value>balcony</value></field></x></command></iq>", chunk);
    var out = readElements(juliet);
    assertEquals(2, out.size(), out::toString);
    var form = out.get(0).elements().get(0);
    assertEquals("jabber:x:data", form.namespace());
    assertEquals(io.parley.embedded.testing.XmlOutput.element("<field xmlns='jabber:x:data' "
        + "var='pubsub#subid' type='hidden'><value>" + subId + "</value></field>"),
        form.elements().get(1));
    assertEquals(io.parley.embedded.testing.XmlOutput.element("<iq xmlns='jabber:client' "
        + "type='result' id='g1' from='pubsub.example.test' to='juliet@example.test/balcony'>"
        + "<command xmlns='http://jabber.org/protocol/commands' node='" + PS + "#get-pending' "
        + "sessionid='s-1' status='completed'/></iq>"), out.get(1));
    assertFalse(juliet.finish());
    assertFalse(romeo.finish());
  }
}
