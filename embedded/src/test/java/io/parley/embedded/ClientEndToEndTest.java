package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import io.parley.embedded.testing.RawClient;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Real clients over loopback: Smack 4.5 with STARTTLS and SCRAM-SHA-1, host code in-process, and
 * raw sockets sending what RFC 6120 forbids, while the well-behaved sessions carry on.
 */
@Tag("e2e")
class ClientEndToEndTest {
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension(
      b -> b.writeBufferHighWaterMark(64 * 1024));



  private XMPPTCPConnection login(String user, String resource) throws Exception {
    XMPPTCPConnection c = server.login(user, resource);
    assertTrue(c.isSecureConnection(), "STARTTLS negotiated");
    return c;
  }

  @Test
  void twoClientsExchangeAThousandMessagesInOrder() throws Exception {
    XMPPTCPConnection alice = login("alice", "desk");
    XMPPTCPConnection bob = login("bob", "phone");
    List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch all = new CountDownLatch(1000);
    // Smack's synchronous listeners run in arrival order; its asynchronous ones do not.
    bob.addSyncStanzaListener(s -> {
      bodies.add(((org.jivesoftware.smack.packet.Message) s).getBody());
      all.countDown();
    }, StanzaTypeFilter.MESSAGE);
    // A message the server could not queue comes back to alice as an error: name it if so.
    List<String> bounced = Collections.synchronizedList(new ArrayList<>());
    alice.addSyncStanzaListener(s -> bounced.add(s.toXML().toString()),
        StanzaTypeFilter.MESSAGE);
    // Bob's initial presence must be processed before messages to his bare JID can reach him.
    assertTrue(PingManager.getInstanceFor(bob).pingMyServer());
    for (int i = 0; i < 1000; i++) {
      alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
          .to(JidCreate.entityBareFrom("bob@localhost"))
          .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
          .setBody("m" + i)
          .build());
    }
    assertTrue(all.await(120, TimeUnit.SECONDS),
        "received " + bodies.size() + ", bounced to the sender: " + bounced);
    for (int i = 0; i < 1000; i++) {
      assertEquals("m" + i, bodies.get(i), "message " + i + " arrived out of order");
    }
    assertEquals(1000, bodies.size());
  }

  @Test
  void pingMyServerOverStartTls() throws Exception {
    assertTrue(PingManager.getInstanceFor(login("carol", "ping")).pingMyServer());
  }

  @Test
  void inProcessSessionAndSmackClientChatBothWays() throws Exception {
    XMPPTCPConnection alice = login("alice", "laptop");
    BlockingQueue<Stanza> hostInbox = new LinkedBlockingQueue<>();
    try (InProcessSession bot = server.parley().openSession(
        Jid.of("bot@localhost/service"), s -> {
          if (s instanceof Message) { // not the reflected presence (RFC 6121 §4.2.2)
            hostInbox.add(s);
          }
        })) {
      bot.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of()));
      BlockingQueue<String> aliceInbox = new LinkedBlockingQueue<>();
      // Only the bot's messages: alice may also get offline messages an earlier test left her.
      alice.addAsyncStanzaListener(
          s -> aliceInbox.add(((org.jivesoftware.smack.packet.Message) s).getBody()),
          new AndFilter(StanzaTypeFilter.MESSAGE,
              FromMatchesFilter.createFull(JidCreate.from("bot@localhost/service"))));
      bot.send(Message.chat(Jid.of("alice@localhost/laptop"), "hello from the host"));
      assertEquals("hello from the host", aliceInbox.poll(10, TimeUnit.SECONDS));

      alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
          .to(JidCreate.entityBareFrom("bot@localhost"))
          .ofType(org.jivesoftware.smack.packet.Message.Type.chat)
          .setBody("hello host")
          .build());
      Stanza received = hostInbox.poll(10, TimeUnit.SECONDS);
      assertEquals("hello host", ((Message) received).body());
      assertEquals(Jid.of("alice@localhost/laptop"), received.from());
    }
  }

  private void assertOthersUnaffected() throws Exception {
    XMPPTCPConnection carol = login("carol", "check" + System.nanoTime());
    assertTrue(PingManager.getInstanceFor(carol).pingMyServer());
  }

  private static String streamErrorOf(String output) {
    var elements = XmlOutput.parse(output).elements();
    var last = elements.get(elements.size() - 1);
    assertEquals("error", last.name(), output);
    return last.elements().get(0).name();
  }

  @Test
  void malformedXmlGetsNotWellFormed() throws Exception {
    try (RawClient raw = RawClient.directTls(server.sslContext(), server.directTlsPort())) {
      raw.send(RawClient.OPEN + "<message><body>x</bod></message>");
      assertTrue(raw.closedByServer(Duration.ofSeconds(10)));
      assertEquals("not-well-formed", streamErrorOf(raw.readUntil(s -> true, Duration.ZERO)));
    }
    assertOthersUnaffected();
  }

  @Test
  void oversizedStanzaGetsPolicyViolation() throws Exception {
    try (RawClient raw = RawClient.directTls(server.sslContext(), server.directTlsPort())) {
      raw.login("alice", ParleyServerExtension.PASSWORD, "big");
      // Just over the 256 KiB limit: the server has read all of it when it closes, so the close
      // is a FIN. With more bytes still in flight its close is a reset, which may discard the
      // stream error before this client reads it (a lingering close would fix that; see notes).
      String head = "<message to='bob@localhost'><body>";
      String tail = "</body></message>";
      raw.send(head + "x".repeat(256 * 1024 - head.length() - tail.length() + 64) + tail);
      assertTrue(raw.closedByServer(Duration.ofSeconds(10)));
      assertEquals("policy-violation", streamErrorOf(raw.readUntil(s -> true, Duration.ZERO)));
    }
    assertOthersUnaffected();
  }

  @Test
  void wrongPasswordGetsNotAuthorized() throws Exception {
    try (RawClient raw = RawClient.directTls(server.sslContext(), server.directTlsPort())) {
      raw.send(RawClient.OPEN);
      raw.readUntil(s -> s.contains("</stream:features>"), Duration.ofSeconds(10));
      raw.clear();
      // PLAIN over TLS: "\0alice\0nope"
      raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
          + java.util.Base64.getEncoder().encodeToString("\0alice\0nope".getBytes()) + "</auth>");
      String out = raw.readUntil(s -> s.contains("</failure>"), Duration.ofSeconds(10));
      assertEquals("not-authorized", XmlOutput.parse(out).elements().get(0).elements().get(0).name());
    }
    assertOthersUnaffected();
  }

  @Test
  void stanzaBeforeAuthenticationGetsNotAuthorized() throws Exception {
    try (RawClient raw = RawClient.directTls(server.sslContext(), server.directTlsPort())) {
      raw.send(RawClient.OPEN + "<message to='bob@localhost'><body>sneaky</body></message>");
      assertTrue(raw.closedByServer(Duration.ofSeconds(10)));
      assertEquals("not-authorized", streamErrorOf(raw.readUntil(s -> true, Duration.ZERO)
          .replaceFirst("(?s)<stream:features>.*</stream:features>", "")));
    }
    assertOthersUnaffected();
  }

  @Test
  void unknownIqPayloadGetsServiceUnavailable() throws Exception {
    XMPPTCPConnection alice = login("alice", "iq");
    var iq = new org.jivesoftware.smack.packet.SimpleIQ("query", "urn:example:nothing") { };
    iq.setType(org.jivesoftware.smack.packet.IQ.Type.get);
    iq.setTo(JidCreate.domainBareFrom("localhost"));
    var error = org.junit.jupiter.api.Assertions.assertThrows(
        org.jivesoftware.smack.XMPPException.XMPPErrorException.class,
        () -> alice.sendIqRequestAndWaitForResponse(iq));
    assertEquals(StanzaError.Condition.service_unavailable, error.getStanzaError().getCondition());
  }

  @Test
  void spoofedFromGetsInvalidFrom() throws Exception {
    try (RawClient raw = RawClient.directTls(server.sslContext(), server.directTlsPort())) {
      raw.login("alice", ParleyServerExtension.PASSWORD, "spoof");
      raw.send("<message from='bob@localhost/phone' to='carol@localhost'><body>x</body></message>");
      assertTrue(raw.closedByServer(Duration.ofSeconds(10)));
      assertEquals("invalid-from", streamErrorOf(raw.readUntil(s -> true, Duration.ZERO)));
    }
    assertOthersUnaffected();
  }

  @Test
  void clientThatStopsReadingIsBoundedAndSendersAreTold() throws Exception {
    XMPPTCPConnection bob = login("bob", "flood");
    AtomicInteger constrained = new AtomicInteger();
    bob.addAsyncStanzaListener(s -> {
      var m = (org.jivesoftware.smack.packet.Message) s;
      if (m.getType() == org.jivesoftware.smack.packet.Message.Type.error
          && m.getError().getCondition() == StanzaError.Condition.resource_constraint) {
        constrained.incrementAndGet();
      }
    }, StanzaTypeFilter.MESSAGE);
    try (RawClient sleeper = RawClient.directTls(server.sslContext(), server.directTlsPort())) {
      sleeper.login("alice", ParleyServerExtension.PASSWORD, "asleep");
      sleeper.send("<presence/>");
      String body = "y".repeat(1024);
      // Far more than the socket buffers, the 64 KiB write buffer and 4,096 queued stanzas hold.
      for (int i = 0; i < 20_000 && constrained.get() == 0; i++) {
        bob.sendStanza(bob.getStanzaFactory().buildMessageStanza()
            .to(JidCreate.entityFullFrom("alice@localhost/asleep"))
            .setBody(body)
            .build());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (constrained.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(constrained.get() > 0, "the sender was told the recipient is overloaded");
      // Once the bounces of its own flood have reached it, the sender works as before.
      int seen;
      do {
        seen = constrained.get();
        Thread.sleep(500);
      } while (constrained.get() != seen);
      assertTrue(PingManager.getInstanceFor(bob).pingMyServer(), "the sender is unaffected");
    }
    assertOthersUnaffected();
  }

  static {
    SmackConfiguration.DEBUG = false;
  }
}
