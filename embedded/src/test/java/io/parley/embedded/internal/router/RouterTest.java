package io.parley.embedded.internal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.event.SessionEvent;
import io.parley.spi.event.SessionListener;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 6120 §10 and RFC 6121 §8 delivery rules, through in-process sessions and the real graph. */
class RouterTest {
  @TempDir Path dataDir;
  private Parley parley;

  private Parley server(Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage();
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

  private static Message chat(String to, String body) {
    return Message.chat(Jid.of(to), body);
  }

  @Test
  void bareJidMessageGoesToHighestNonNegativePriority() throws Exception {
    server(b -> { });
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    TestClient low = new TestClient(parley, "juliet@example.test/low").available(1);
    TestClient high = new TestClient(parley, "juliet@example.test/high").available(5);
    sender.session.send(chat("juliet@example.test", "to the highest"));
    assertEquals("to the highest", ((Message) high.next()).body());
    assertNull(low.none());
  }

  @Test
  void equalPrioritiesAllReceiveTheMessage() throws Exception {
    server(b -> { });
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    TestClient a = new TestClient(parley, "juliet@example.test/a").available(2);
    TestClient b = new TestClient(parley, "juliet@example.test/b").available(2);
    sender.session.send(chat("juliet@example.test", "both"));
    assertEquals("both", ((Message) a.next()).body());
    assertEquals("both", ((Message) b.next()).body());
  }

  @Test
  void negativePriorityAndUnavailableResourcesGetNoBareJidMessages() throws Exception {
    server(b -> { });
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    TestClient negative = new TestClient(parley, "juliet@example.test/neg").available(-1);
    TestClient silent = new TestClient(parley, "juliet@example.test/silent"); // no initial presence
    sender.session.send(chat("juliet@example.test", "anyone?"));
    Message error = (Message) sender.next();
    assertEquals(Message.Type.ERROR, error.type());
    assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE, error.error().condition());
    assertEquals(Jid.of("juliet@example.test"), error.from());
    assertNull(negative.none());
    assertNull(silent.none());
  }

  @Test
  void fullJidReachesEvenANegativePriorityResource() throws Exception {
    server(b -> { });
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    TestClient negative = new TestClient(parley, "juliet@example.test/neg").available(-1);
    sender.session.send(chat("juliet@example.test/neg", "direct"));
    assertEquals("direct", ((Message) negative.next()).body());
  }

  @Test
  void chatToUnknownResourceFallsBackToTheBareJid() throws Exception {
    server(b -> { });
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    TestClient juliet = new TestClient(parley, "juliet@example.test/balcony").available(0);
    sender.session.send(chat("juliet@example.test/gone", "still reaches you"));
    Stanza got = juliet.next();
    assertEquals("still reaches you", ((Message) got).body());
    assertEquals(Jid.of("romeo@example.test/orchard"), got.from());
  }

  @Test
  void headlineToUnknownResourceIsDropped() throws Exception {
    server(b -> { });
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    TestClient juliet = new TestClient(parley, "juliet@example.test/balcony").available(0);
    sender.session.send(new Message(Jid.of("juliet@example.test/gone"), null, null,
        Message.Type.HEADLINE, null, List.of()));
    assertNull(juliet.none());
    assertNull(sender.none());
  }

  @Test
  void iqToUnknownResourceIsServiceUnavailable() throws Exception {
    server(b -> { });
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    sender.session.send(Iq.get(Jid.of("juliet@example.test/gone"), "q1",
        Element.of("query", "jabber:iq:version")));
    Iq error = (Iq) sender.next();
    assertEquals(Iq.Type.ERROR, error.type());
    assertEquals("q1", error.id());
    assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE, error.error().condition());
  }

  @Test
  void iqToFullJidIsRoutedToTheClientAndItsResultBack() throws Exception {
    server(b -> { });
    TestClient asker = new TestClient(parley, "romeo@example.test/orchard");
    TestClient answerer = new TestClient(parley, "juliet@example.test/balcony");
    asker.session.send(Iq.get(Jid.of("juliet@example.test/balcony"), "v1",
        Element.of("query", "jabber:iq:version")));
    Iq request = (Iq) answerer.next();
    assertEquals(Jid.of("romeo@example.test/orchard"), request.from());
    answerer.session.send(request.result());
    Iq result = (Iq) asker.next();
    assertEquals(Iq.Type.RESULT, result.type());
    assertEquals(Jid.of("juliet@example.test/balcony"), result.from());
  }

  @Test
  void errorsAreNeverAnsweredWithErrors() throws Exception {
    server(b -> { });
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    sender.session.send(new Message(Jid.of("nobody@example.test"), null, "e1",
        Message.Type.ERROR, null, List.of()));
    assertNull(sender.none());
  }

  @Test
  void groupchatToAnAccountIsServiceUnavailable() throws Exception {
    server(b -> { });
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    new TestClient(parley, "juliet@example.test/balcony").available(0);
    sender.session.send(new Message(Jid.of("juliet@example.test"), null, "g1",
        Message.Type.GROUPCHAT, null, List.of()));
    assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE, sender.next().error().condition());
  }

  @Test
  void messageWithoutToGoesToTheSendersOwnAccount() throws Exception {
    server(b -> { });
    TestClient other = new TestClient(parley, "juliet@example.test/desk").available(0);
    TestClient me = new TestClient(parley, "juliet@example.test/phone").available(-1);
    me.session.send(new Message(null, null, null, Message.Type.CHAT, null, List.of()));
    assertEquals(Jid.of("juliet@example.test/phone"), other.next().from());
  }

  @Test
  void hostIqHandlerAnswersAndIsAdvertisedInDisco() throws Exception {
    IqHandler time = new IqHandler() {
      @Override
      public String namespace() {
        return "urn:xmpp:time";
      }

      @Override
      public String element() {
        return "time";
      }

      @Override
      public CompletionStage<Iq> handle(Iq request, IqContext context) {
        assertTrue(Thread.currentThread().getName().startsWith("parley-blocking"),
            "host handlers run off the network threads");
        return CompletableFuture.completedFuture(request.result(
            Element.builder("time", "urn:xmpp:time").textChild("utc", "2026-11-25T00:00:00Z")
                .build()));
      }
    };
    server(b -> b.iqHandler(time));
    TestClient c = new TestClient(parley, "romeo@example.test/orchard");
    c.session.send(Iq.get(Jid.of("example.test"), "t1", Element.of("time", "urn:xmpp:time")));
    Iq result = (Iq) c.next();
    assertEquals(Iq.Type.RESULT, result.type(), result.toString());
    assertEquals("2026-11-25T00:00:00Z", result.payload().childText("utc", "urn:xmpp:time"));

    c.session.send(Iq.get(Jid.of("example.test"), "d1",
        Element.of("query", "http://jabber.org/protocol/disco#info")));
    Iq info = (Iq) c.next();
    List<String> features = info.payload().elements().stream()
        .filter(e -> e.name().equals("feature")).map(e -> e.attribute("var")).toList();
    assertTrue(features.containsAll(List.of("urn:xmpp:time", "urn:xmpp:ping",
        "jabber:iq:version", "http://jabber.org/protocol/disco#info",
        "http://jabber.org/protocol/disco#items")), features.toString());
    Element identity = info.payload().child("identity", "http://jabber.org/protocol/disco#info");
    assertEquals("server", identity.attribute("category"));
    assertEquals("im", identity.attribute("type"));
  }

  @Test
  void duplicateIqHandlersFailAtStartUp() {
    IqHandler ping = new IqHandler() {
      @Override
      public String namespace() {
        return "urn:xmpp:ping";
      }

      @Override
      public String element() {
        return "ping";
      }

      @Override
      public CompletionStage<Iq> handle(Iq request, IqContext context) {
        return CompletableFuture.completedFuture(request.result());
      }
    };
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage().iqHandler(ping);
    assertThrows(IllegalStateException.class, () -> b.build().start());
  }

  @Test
  void discoOnUnknownAccountIsServiceUnavailable() throws Exception {
    server(b -> { });
    TestClient c = new TestClient(parley, "romeo@example.test/orchard");
    c.session.send(Iq.get(Jid.of("nobody@example.test"), "d2",
        Element.of("query", "http://jabber.org/protocol/disco#info")));
    assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE, c.next().error().condition());
  }

  @Test
  void interceptorsChangeAndDropInBothDirections() throws Exception {
    StanzaInterceptor censor = new StanzaInterceptor() {
      @Override
      public Stanza inbound(Stanza stanza, Jid session) {
        if (stanza instanceof Message m && "drop me".equals(m.body())) {
          return null;
        }
        return stanza;
      }

      @Override
      public Stanza outbound(Stanza stanza, Jid session) {
        if (stanza instanceof Message m && m.body() != null) {
          return Message.chat(m.to(), m.body().toUpperCase()).withFrom(m.from());
        }
        return stanza;
      }
    };
    server(b -> b.interceptor(censor));
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    TestClient juliet = new TestClient(parley, "juliet@example.test/balcony");
    sender.session.send(chat("juliet@example.test/balcony", "drop me"));
    sender.session.send(chat("juliet@example.test/balcony", "keep me"));
    assertEquals("KEEP ME", ((Message) juliet.next()).body());
    assertNull(juliet.none());
  }

  @Test
  void sessionListenersHearStartAndEndInOrder() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    server(b -> b.sessionListener(new SessionListener() {
      @Override
      public void sessionStarted(SessionEvent event) {
        heard.add("started " + event.jid() + " " + event.transport());
      }

      @Override
      public void sessionEnded(SessionEvent event) {
        heard.add("ended " + event.jid());
        ended.add(event.jid().toString());
      }
    }));
    TestClient c = new TestClient(parley, "romeo@example.test/orchard");
    c.session.close();
    assertEquals("romeo@example.test/orchard", ended.poll(5, TimeUnit.SECONDS));
    assertEquals(List.of("started romeo@example.test/orchard in-process",
        "ended romeo@example.test/orchard"), heard);
  }

  @Test
  void stanzasLeftInAClosedSessionGoToAnotherResource() throws Exception {
    server(b -> b.blockingThreads(1));
    TestClient sender = new TestClient(parley, "romeo@example.test/orchard");
    TestClient other = new TestClient(parley, "juliet@example.test/desk").available(0);
    CompletableFuture<Void> gate = new CompletableFuture<>();
    // A receiver that blocks the single blocking thread keeps the closing session's mailbox full.
    InProcessSession slow = parley.openSession(Jid.of("juliet@example.test/slow"), s -> {
      if (s instanceof Message) {
        gate.join();
      }
    });
    slow.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of()));
    sender.session.send(chat("juliet@example.test/slow", "first"));
    sender.session.send(chat("juliet@example.test/slow", "second"));
    Thread.sleep(100);
    slow.close();
    gate.complete(null);
    assertEquals("second", ((Message) other.next()).body());
  }

  @Test
  void anIqResponseToAFullMailboxEndsThatSession() throws Exception {
    server(b -> b.blockingThreads(2).mailboxCapacity(4));
    TestClient asker = new TestClient(parley, "romeo@example.test/orchard");
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CountDownLatch receiving = new CountDownLatch(1);
    InProcessSession stuck = parley.openSession(Jid.of("juliet@example.test/stuck"), s -> {
      receiving.countDown();
      gate.join();
    });
    // The receiver holds the first message; only then do four more fill the mailbox. (Filling
    // first let the drain take one out between the last fill and the response, so the response
    // sometimes found room.)
    asker.session.send(chat("juliet@example.test/stuck", "fill 0"));
    assertTrue(receiving.await(5, TimeUnit.SECONDS), "the receiver took the first message");
    for (int i = 1; i < 6; i++) {
      asker.session.send(chat("juliet@example.test/stuck", "fill " + i));
    }
    asker.session.send(new Iq(Jid.of("juliet@example.test/stuck"), null, "r1", Iq.Type.RESULT,
        null, List.of()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (stuck.isOpen() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    gate.complete(null);
    assertTrue(!stuck.isOpen(), "the session that could not take a response was ended");
  }

  @Test
  void spoofedFromInProcessIsRefused() {
    server(b -> { });
    TestClient c = new TestClient(parley, "romeo@example.test/orchard");
    assertThrows(IllegalArgumentException.class, () -> c.session.send(
        chat("juliet@example.test", "x").withFrom(Jid.of("juliet@example.test/balcony"))));
  }
}
