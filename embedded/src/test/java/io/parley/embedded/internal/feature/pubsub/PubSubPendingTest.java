package io.parley.embedded.internal.feature.pubsub;

import static io.parley.embedded.internal.feature.pubsub.PubSubTest.EVENT;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.PS;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.SERVICE;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.assertError;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.assertResult;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.event;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.form;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.get;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.owner;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.ps;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.set;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.submitForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0060 §8.7 pending subscriptions through the XEP-0050 command {@code pubsub#get-pending},
 * and the §8.7 note: a new owner or publisher is approved, a new outcast denied.
 */
class PubSubPendingTest {
  static final String COMMANDS = "http://jabber.org/protocol/commands";
  static final String GET_PENDING = PS + "#get-pending";
  static final String FRANCISCO = "francisco@example.test/barracks";
  static final String BERNARDO = "bernardo@example.test/pda";

  @TempDir Path dataDir;
  Parley parley;
  TestClient hamlet;
  TestClient francisco;
  TestClient bernardo;

  @BeforeEach
  void start() throws Exception {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage().build().start();
    hamlet = new TestClient(parley, "hamlet@example.test/elsinore").available(0);
    francisco = new TestClient(parley, FRANCISCO).available(0);
    bernardo = new TestClient(parley, BERNARDO).available(0);
    assertResult(set(hamlet, SERVICE, ps("<create node='auth'/><configure>"
        + form("pubsub#access_model", "authorize") + "</configure>")));
    assertResult(set(hamlet, SERVICE, ps("<create node='open'/>")));
    for (TestClient c : List.of(francisco, bernardo)) {
      Iq pending = set(c, SERVICE, ps("<subscribe node='auth' jid='" + c.jid() + "'/>"));
      assertEquals("pending", pending.payload().child("subscription", PS)
          .attribute("subscription"));
      authorizationRequest(hamlet); // §8.6.1, sent at once
    }
  }

  @AfterEach
  void close() {
    parley.close();
  }

  static Element authorizationRequest(TestClient c) throws InterruptedException {
    Message m = (Message) c.next(s -> s instanceof Message msg
        && msg.child("x", DataForm.NAMESPACE) != null);
    Element x = m.child("x", DataForm.NAMESPACE);
    assertEquals(PS + "#subscribe_authorization", DataForm.formType(x));
    return x;
  }

  static String command(String inner) {
    return "<command xmlns='" + COMMANDS + "' node='" + GET_PENDING + "' action='execute'"
        + (inner.isEmpty() ? "/>" : ">" + inner + "</command>");
  }

  @Test
  void theOwnerListsItsNodesThenGetsOneRequestPerPendingSubscription() throws Exception {
    Iq first = set(hamlet, SERVICE, command(""));
    assertResult(first);
    Element c = first.payload();
    assertEquals("executing", c.attribute("status"));
    String session = c.attribute("sessionid");
    assertNotNull(session);
    Element x = c.child("x", DataForm.NAMESPACE);
    assertEquals("form", x.attribute("type"));
    assertEquals(PS + "#subscribe_authorization", DataForm.formType(x));
    Element field = x.elements().stream().filter(f -> "pubsub#node".equals(f.attribute("var")))
        .findFirst().orElseThrow();
    assertEquals("list-single", field.attribute("type"));
    List<String> options = field.elements().stream().filter(o -> o.name().equals("option"))
        .map(o -> o.childText("value", DataForm.NAMESPACE)).sorted().toList();
    assertEquals(List.of("auth", "open"), options);

    Iq done = set(hamlet, SERVICE, "<command xmlns='" + COMMANDS + "' node='" + GET_PENDING
        + "' sessionid='" + session + "' action='execute'>"
        + submitForm(PS + "#subscribe_authorization", "pubsub#node", "auth") + "</command>");
    assertResult(done);
    assertEquals("completed", done.payload().attribute("status"));
    List<String> asked = List.of(
        DataForm.values(authorizationRequest(hamlet)).get("pubsub#subscriber_jid").get(0),
        DataForm.values(authorizationRequest(hamlet)).get("pubsub#subscriber_jid").get(0));
    assertEquals(List.of(BERNARDO, FRANCISCO), asked.stream().sorted().toList());
  }

  @Test
  void getPendingErrorCases() throws Exception {
    // §8.7.4.3: no nodes to approve for
    assertError(set(bernardo, SERVICE, command("")), StanzaError.Condition.FORBIDDEN, null);
    // §8.7.4.4: no such node; §8.7.4.3: not its owner
    assertError(set(hamlet, SERVICE, command(submitForm(PS + "#subscribe_authorization",
        "pubsub#node", "nope"))), StanzaError.Condition.ITEM_NOT_FOUND, null);
    assertError(set(bernardo, SERVICE, command(submitForm(PS + "#subscribe_authorization",
        "pubsub#node", "auth"))), StanzaError.Condition.FORBIDDEN, null);
    // XEP-0050: an unknown command
    assertError(set(hamlet, SERVICE, "<command xmlns='" + COMMANDS + "' node='urn:nope' "
        + "action='execute'/>"), StanzaError.Condition.ITEM_NOT_FOUND, null);
  }

  @Test
  void theCommandIsDiscoverable() throws Exception {
    Iq info = get(hamlet, SERVICE, "<query xmlns='http://jabber.org/protocol/disco#info'/>");
    List<String> features = info.payload().elements().stream()
        .map(e -> e.attribute("var")).toList();
    assertTrue(features.contains(COMMANDS));
    assertTrue(features.contains(GET_PENDING));
    Iq items = get(hamlet, SERVICE, "<query xmlns='http://jabber.org/protocol/disco#items' "
        + "node='" + COMMANDS + "'/>");
    Element item = items.payload().elements().get(0);
    assertEquals(GET_PENDING, item.attribute("node"));
    assertEquals(SERVICE, item.attribute("jid"));
  }

  @Test
  void aNewPublisherIsApprovedAndANewOutcastDenied() throws Exception {
    assertResult(set(hamlet, SERVICE, owner("<affiliations node='auth'>"
        + "<affiliation jid='francisco@example.test' affiliation='publisher'/>"
        + "<affiliation jid='bernardo@example.test' affiliation='outcast'/></affiliations>")));
    Element approved = event(francisco).child("event", EVENT).child("subscription", EVENT);
    assertEquals("subscribed", approved.attribute("subscription"));
    assertEquals(FRANCISCO, approved.attribute("jid"));
    Element denied = event(bernardo).child("event", EVENT).child("subscription", EVENT);
    assertEquals("none", denied.attribute("subscription"));
    Element subs = get(hamlet, SERVICE, owner("<subscriptions node='auth'/>")).payload()
        .elements().get(0);
    assertEquals(1, subs.elements().size());
    assertEquals("subscribed", subs.elements().get(0).attribute("subscription"));
    Stanza none = francisco.none(s -> s instanceof Message m && m.child("event", EVENT) != null);
    assertEquals(null, none);
  }
}
