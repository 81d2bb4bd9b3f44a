package io.parley.embedded.internal.feature.carbons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0280 through in-process sessions and the real graph. */
class CarbonsTest {
  private static final String NS = "urn:xmpp:carbons:2";
  private static final Jid ALICE = Jid.of("alice@example.test");
  private static final Jid BOB = Jid.of("bob@example.test");

  @TempDir Path dataDir;
  private Parley parley;

  private void server() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage().build().start();
  }

  @AfterEach
  void close() {
    if (parley != null) {
      parley.close();
    }
  }

  private TestClient enabled(String jid, int priority) throws InterruptedException {
    TestClient c = new TestClient(parley, jid).available(priority);
    assertEquals(Iq.Type.RESULT, c.request(Iq.Type.SET, null, Element.of("enable", NS)).type());
    return c;
  }

  private static Message message(Jid to, Message.Type type, Element... children) {
    return new Message(to, null, null, type, null, List.of(children));
  }

  private static Element body(String text) {
    return Element.builder("body", Stanza.CLIENT_NAMESPACE).text(text).build();
  }

  /** The forwarded original inside a carbon, after checking the wrapper. */
  private static Message unwrap(Stanza s, String direction, Jid to) {
    Message carbon = (Message) s;
    assertEquals(ALICE, carbon.from(), "carbons come from the user's bare JID");
    assertEquals(to, carbon.to());
    Element wrapper = carbon.child(direction, NS);
    assertNotNull(wrapper, carbon.toString());
    Element forwarded = wrapper.child("forwarded", "urn:xmpp:forward:0");
    assertNotNull(forwarded, carbon.toString());
    Element original = forwarded.child("message", Stanza.CLIENT_NAMESPACE);
    assertNotNull(original, carbon.toString());
    Message m = (Message) Stanza.fromElement(original);
    assertEquals(m.type(), carbon.type(), "the wrapper keeps the type");
    return m;
  }

  // ---- §4, §5 enable and disable; errors

  @Test
  void enableAndDisableTwiceAreNotErrors() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk");
    for (String op : List.of("enable", "enable", "disable", "disable")) {
      assertEquals(Iq.Type.RESULT, desk.request(Iq.Type.SET, null, Element.of(op, NS)).type(), op);
    }
    assertEquals(Iq.Type.RESULT, desk.request(Iq.Type.SET, ALICE, Element.of("enable", NS))
        .type(), "to the own bare JID");
  }

  @Test
  void enableAsGetIsBadRequest() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk");
    assertEquals(StanzaError.Condition.BAD_REQUEST,
        desk.request(Iq.Type.GET, null, Element.of("enable", NS)).error().condition());
  }

  @Test
  void changingAnotherAccountsCarbonsIsNotAllowed() throws Exception {
    server();
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    assertEquals(StanzaError.Condition.NOT_ALLOWED,
        bob.request(Iq.Type.SET, ALICE, Element.of("disable", NS)).error().condition());
  }

  @Test
  void enableAddressedToTheDomainIsServiceUnavailable() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk");
    assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE,
        desk.request(Iq.Type.SET, Jid.domain("example.test"), Element.of("enable", NS))
            .error().condition());
  }

  @Test
  void serverAdvertisesCarbons() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk");
    Iq info = desk.request(Iq.Type.GET, Jid.domain("example.test"),
        Element.of("query", "http://jabber.org/protocol/disco#info"));
    assertTrue(info.payload().elements().stream().anyMatch(f -> NS.equals(f.attribute("var"))),
        info.toString());
  }

  // ---- §8 sending

  @Test
  void sentMessageIsCopiedToTheOtherEnabledResourcesOnly() throws Exception {
    server();
    TestClient desk = enabled("alice@example.test/desk", 0);
    TestClient phone = enabled("alice@example.test/phone", 0);
    TestClient plain = new TestClient(parley, "alice@example.test/plain").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/home").available(0);
    desk.session.send(message(bob.jid(), Message.Type.CHAT, body("hi bob")));
    assertEquals("hi bob", ((Message) bob.next()).body());
    Message original = unwrap(phone.next(), "sent", phone.jid());
    assertEquals("hi bob", original.body());
    assertEquals(desk.jid(), original.from());
    assertEquals(bob.jid(), original.to());
    assertNull(desk.none(), "not to the sender");
    assertNull(plain.none(), "not to a resource without carbons");
    assertNull(phone.none(), "one copy");
  }

  @Test
  void disabledResourceGetsNoCopies() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient phone = enabled("alice@example.test/phone", 0);
    phone.request(Iq.Type.SET, null, Element.of("disable", NS));
    desk.session.send(message(BOB, Message.Type.CHAT, body("hi")));
    assertNull(phone.none());
  }

  @Test
  void endedSessionForgetsItEnabledCarbons() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk").available(0);
    enabled("alice@example.test/phone", 0).session.close();
    TestClient again = new TestClient(parley, "alice@example.test/phone").available(0);
    desk.session.send(message(BOB, Message.Type.CHAT, body("hi")));
    assertNull(again.none());
  }

  // ---- §7 receiving

  @Test
  void messageToAFullJidIsCopiedToTheOtherEnabledResources() throws Exception {
    server();
    TestClient desk = enabled("alice@example.test/desk", 0);
    TestClient phone = enabled("alice@example.test/phone", 0);
    TestClient bob = new TestClient(parley, "bob@example.test/home");
    bob.session.send(message(desk.jid(), Message.Type.CHAT, body("for the desk")));
    assertEquals("for the desk", ((Message) desk.next()).body());
    Message original = unwrap(phone.next(), "received", phone.jid());
    assertEquals("for the desk", original.body());
    assertEquals(bob.jid(), original.from());
    assertNull(desk.none(), "the addressee gets no copy");
    assertNull(phone.none(), "one copy");
  }

  @Test
  void messageToTheBareJidIsCopiedOnceToEnabledResourcesThatDidNotGetIt() throws Exception {
    server();
    TestClient desk = enabled("alice@example.test/desk", 5);
    TestClient laptop = enabled("alice@example.test/laptop", 5);
    TestClient phone = enabled("alice@example.test/phone", 1);
    TestClient bob = new TestClient(parley, "bob@example.test/home");
    bob.session.send(message(ALICE, Message.Type.CHAT, body("for alice")));
    assertEquals("for alice", ((Message) desk.next()).body());
    assertEquals("for alice", ((Message) laptop.next()).body());
    assertEquals("for alice", unwrap(phone.next(), "received", phone.jid()).body());
    assertNull(phone.none(), "one copy, though two resources got the message");
    assertNull(desk.none());
    assertNull(laptop.none());
  }

  // ---- §6.1, §9 eligibility

  private void assertCopied(boolean copied, Message m) throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient phone = enabled("alice@example.test/phone", 0);
    desk.session.send(m);
    Stanza got = phone.none();
    if (copied) {
      assertNotNull(got, "expected a carbon of " + m);
      unwrap(got, "sent", phone.jid());
    } else {
      assertNull(got, "expected no carbon of " + m);
    }
  }

  @Test
  void chatIsCopied() throws Exception {
    assertCopied(true, message(BOB, Message.Type.CHAT));
  }

  @Test
  void normalWithBodyIsCopied() throws Exception {
    assertCopied(true, message(BOB, Message.Type.NORMAL, body("hello")));
  }

  @Test
  void normalWithoutBodyIsNotCopied() throws Exception {
    assertCopied(false, message(BOB, Message.Type.NORMAL,
        Element.of("x", "urn:example:custom")));
  }

  @Test
  void normalWithAChatStateIsCopied() throws Exception {
    assertCopied(true, message(BOB, Message.Type.NORMAL,
        Element.of("composing", "http://jabber.org/protocol/chatstates")));
  }

  @Test
  void normalWithAReceiptIsCopied() throws Exception {
    assertCopied(true, message(BOB, Message.Type.NORMAL,
        Element.builder("received", "urn:xmpp:receipts").attribute("id", "m1").build()));
  }

  @Test
  void privateMessageIsNotCopied() throws Exception {
    assertCopied(false, message(BOB, Message.Type.CHAT, body("secret"),
        Element.of("private", NS), Element.of("no-copy", "urn:xmpp:hints")));
  }

  @Test
  void noCopyHintAloneIsEnough() throws Exception {
    assertCopied(false, message(BOB, Message.Type.CHAT, body("secret"),
        Element.of("no-copy", "urn:xmpp:hints")));
  }

  @Test
  void headlineIsNotCopied() throws Exception {
    assertCopied(false, message(BOB, Message.Type.HEADLINE, body("news")));
  }

  @Test
  void errorIsNotCopied() throws Exception {
    assertCopied(false, message(BOB, Message.Type.ERROR,
        StanzaError.of(StanzaError.Condition.ITEM_NOT_FOUND).toElement(Stanza.CLIENT_NAMESPACE)));
  }

  @Test
  void groupchatIsNotCopied() throws Exception {
    assertCopied(false, message(Jid.of("room@muc.example.test"), Message.Type.GROUPCHAT,
        body("hi all")));
  }

  @Test
  void aCarbonIsNotCopiedAgain() throws Exception {
    assertCopied(false, message(BOB, Message.Type.CHAT,
        Element.builder("sent", NS).child(Element.of("forwarded", "urn:xmpp:forward:0"))
            .build()));
  }

  @Test
  void privateMessageFromAMucOccupantIsNotCopiedButOneToAnOccupantIs() {
    Element mucUser = Element.of("x", "http://jabber.org/protocol/muc#user");
    Message pm = message(ALICE.withResource("desk"), Message.Type.CHAT, body("psst"), mucUser);
    assertTrue(!Carbons.eligible(pm, false));
    assertTrue(Carbons.eligible(pm, true));
  }

  @Test
  void mediatedAndDirectInvitationsAreCopied() {
    Element mediated = Element.builder("x", "http://jabber.org/protocol/muc#user")
        .child(Element.builder("invite", "http://jabber.org/protocol/muc#user")
            .attribute("from", "bob@example.test").build())
        .build();
    assertTrue(Carbons.eligible(message(ALICE, Message.Type.NORMAL, mediated), false));
    Element direct = Element.builder("x", "jabber:x:conference")
        .attribute("jid", "room@muc.example.test").build();
    assertTrue(Carbons.eligible(message(ALICE, Message.Type.NORMAL, direct), false));
  }

  @Test
  void privateElementIsKeptOnTheDeliveredMessage() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/home").available(0);
    desk.session.send(message(BOB, Message.Type.CHAT, body("secret"), Element.of("private", NS)));
    assertNotNull(bob.next().child("private", NS), "v1.0 §9: no longer stripped");
  }
}
