package io.parley.embedded.internal.feature.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.embedded.testing.RecordingSession;
import io.parley.embedded.testing.TestClient;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.storage.memory.InMemoryOfflineStore;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0160 storage and delivery through in-process sessions and the real graph. */
class OfflineMessagesTest {
  private static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
  private static final String HINTS = "urn:xmpp:hints";

  @TempDir Path dataDir;
  private Parley parley;
  // Given to most servers as the host's store, so that tests can look into it.
  private final InMemoryOfflineStore store = new InMemoryOfflineStore();

  private Parley server(Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage()
        .credentials(new InMemoryCredentialStore().addUser("juliet", "pw"))
        .offlineStore(store);
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

  private static Message withChildren(String to, Element... children) {
    return new Message(Jid.of(to), null, "m1", Message.Type.CHAT, null, List.of(children));
  }

  /** Sends, then proves with a disco round trip that the sender's stanzas were all handled. */
  private static void sendAndSettle(TestClient sender, Message... messages) throws Exception {
    for (Message m : messages) {
      sender.session.send(m);
    }
    sender.session.send(Iq.get(Jid.of("example.test"), "settle",
        Element.of("query", "http://jabber.org/protocol/disco#info")));
  }

  @Test
  void messagesAreStoredAndDeliveredInOrderWithDelayAtInitialPresence() throws Exception {
    server(b -> { });
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    romeo.session.send(chat("juliet@example.test", "one"));
    romeo.session.send(chat("juliet@example.test/gone", "two")); // full JID: RFC 6121 §8.5.3.2.1
    romeo.session.send(new Message(Jid.of("juliet@example.test"), null, "n3",
        Message.Type.NORMAL, null, List.of(
            Element.builder("body", Stanza.CLIENT_NAMESPACE).text("three").build())));
    TestClient juliet = new TestClient(parley, "juliet@example.test/balcony");
    awaitStored(Jid.of("juliet@example.test"), 3);
    assertNull(juliet.none(), "nothing before initial presence");
    juliet.available(0);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Message m = (Message) juliet.next();
      assertNotNull(m);
      bodies.add(m.body());
      assertEquals(Jid.of("romeo@example.test/orchard"), m.from());
      Element delay = m.child("delay", "urn:xmpp:delay");
      assertNotNull(delay, m.toString());
      assertEquals("example.test", delay.attribute("from"));
      Instant.parse(delay.attribute("stamp")); // XEP-0082 UTC
      assertTrue(delay.attribute("stamp").endsWith("Z"));
    }
    assertEquals(List.of("one", "two", "three"), bodies);
    assertNull(romeo.none(), "no error to the sender");
  }

  @Test
  void aHostSessionClosedWhileItsReceiverIsBusyStoresWhatItHadNotReceived() throws Exception {
    server(b -> { });
    CountDownLatch inReceiver = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Stanza> received = new CopyOnWriteArrayList<>();
    InProcessSession juliet = parley.openSession(Jid.of("juliet@example.test/balcony"), s -> {
      received.add(s);
      inReceiver.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    for (int i = 0; i < 10; i++) {
      romeo.session.send(chat("juliet@example.test/balcony", "m" + i));
    }
    // Romeo's stanzas are routed in order: once this is answered, all ten are in the mailbox.
    romeo.request(Iq.Type.GET, Jid.of("example.test"),
        Element.of("query", "http://jabber.org/protocol/disco#info"));
    assertTrue(inReceiver.await(10, TimeUnit.SECONDS));
    // Closed by host code on its own thread while the mailbox drains on the session's executor.
    juliet.close();
    release.countDown();
    awaitStored(Jid.of("juliet@example.test"), 9);
    assertEquals(1, received.size(), "nothing reaches a closed session's receiver");
  }

  @Test
  void messageToUnknownAccountIsServiceUnavailable() throws Exception {
    server(b -> { });
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    romeo.session.send(chat("nobody@example.test", "hello?"));
    Message error = (Message) romeo.next();
    assertEquals(Message.Type.ERROR, error.type());
    assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE, error.error().condition());
    assertEquals(Jid.of("nobody@example.test"), error.from());
  }

  @Test
  void fullQueueIsServiceUnavailable() throws Exception {
    server(b -> b.maxOfflineMessages(2));
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    romeo.session.send(chat("juliet@example.test", "one"));
    romeo.session.send(chat("juliet@example.test", "two"));
    romeo.session.send(chat("juliet@example.test", "three").withId("m3"));
    Stanza error = romeo.next();
    assertEquals("m3", error.id());
    assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE, error.error().condition());
    TestClient juliet = new TestClient(parley, "juliet@example.test/balcony").available(0);
    assertEquals("one", ((Message) juliet.next()).body());
    assertEquals("two", ((Message) juliet.next()).body());
    assertNull(juliet.none());
  }

  @Test
  void noStoreHintIsServiceUnavailable() throws Exception {
    server(b -> { });
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    romeo.session.send(withChildren("juliet@example.test",
        Element.builder("body", Stanza.CLIENT_NAMESPACE).text("ephemeral").build(),
        Element.of("no-store", HINTS)));
    assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE,
        romeo.next().error().condition());
    assertEquals(0, store().count(Jid.of("juliet@example.test")));
  }

  @Test
  void noPermanentStoreHintStillAllowsOfflineStorage() throws Exception {
    server(b -> { });
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    romeo.session.send(withChildren("juliet@example.test",
        Element.builder("body", Stanza.CLIENT_NAMESPACE).text("off the record").build(),
        Element.of("no-permanent-store", HINTS)));
    awaitStored(Jid.of("juliet@example.test"), 1);
  }

  @Test
  void chatStateOnlyAndEmptyMessagesAreDroppedSilently() throws Exception {
    server(b -> { });
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    sendAndSettle(romeo,
        withChildren("juliet@example.test", Element.of("composing", CHAT_STATES),
            Element.builder("thread", Stanza.CLIENT_NAMESPACE).text("t1").build()),
        withChildren("juliet@example.test"));
    assertEquals("settle", romeo.next().id(), "no error before the settle reply");
    assertEquals(0, store().count(Jid.of("juliet@example.test")));
  }

  @Test
  void storeHintKeepsEvenAChatStateOnlyMessage() throws Exception {
    server(b -> { });
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    romeo.session.send(withChildren("juliet@example.test", Element.of("gone", CHAT_STATES),
        Element.of("store", HINTS)));
    awaitStored(Jid.of("juliet@example.test"), 1);
  }

  @Test
  void negativePriorityPresenceLeavesMessagesStored() throws Exception {
    server(b -> { });
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    romeo.session.send(chat("juliet@example.test", "for a real resource"));
    awaitStored(Jid.of("juliet@example.test"), 1);
    TestClient bot = new TestClient(parley, "juliet@example.test/bot").available(-1);
    assertNull(bot.none());
    TestClient phone = new TestClient(parley, "juliet@example.test/phone").available(1);
    assertEquals("for a real resource", ((Message) phone.next()).body());
    assertNull(bot.none());
  }

  @Test
  void withoutAHostStoreMessagesAreKeptInMemory() throws Exception {
    server(b -> b.offlineStore(null));
    TestClient romeo = new TestClient(parley, "romeo@example.test/orchard");
    romeo.session.send(chat("juliet@example.test", "kept in memory"));
    romeo.session.send(chat("juliet@example.test", "me too"));
    TestClient juliet = new TestClient(parley, "juliet@example.test/balcony").available(0);
    assertEquals("kept in memory", ((Message) juliet.next()).body());
    assertEquals("me too", ((Message) juliet.next()).body());
    assertEquals(0, store.count(Jid.of("juliet@example.test")));
  }

  @Test
  void serverDiscoAdvertisesMsgoffline() throws Exception {
    server(b -> { });
    TestClient c = new TestClient(parley, "romeo@example.test/orchard");
    c.session.send(Iq.get(Jid.of("example.test"), "d1",
        Element.of("query", "http://jabber.org/protocol/disco#info")));
    Iq info = (Iq) c.next();
    List<String> features = info.payload().elements().stream()
        .filter(e -> e.name().equals("feature")).map(e -> e.attribute("var")).toList();
    assertTrue(features.contains("msgoffline"), features.toString());
    assertTrue(features.contains("urn:xmpp:ping"), features.toString());
  }

  @Test
  void messagesASessionCannotTakeAreStoredAgainInOrder() throws Exception {
    server(b -> { });
    Jid juliet = Jid.of("juliet@example.test");
    InMemoryOfflineStore store = new InMemoryOfflineStore();
    for (String body : List.of("one", "two", "three")) {
      store.store(juliet, chat("juliet@example.test", body), 10);
    }
    OfflineMessages offline = new OfflineMessages(ParleyTestAccess.config(parley), store,
        Runnable::run, () -> ParleyTestAccess.component(parley).router(),
        ParleyTestAccess.component(parley).sessions(),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    RecordingSession session = new RecordingSession(Jid.of("juliet@example.test/full"), 1);
    session.presence(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of()));
    offline.initialPresence(session);
    assertEquals(List.of("one"),
        session.received.stream().map(s -> ((Message) s).body()).toList());
    List<String> left = store.takeAll(juliet).stream().map(Message::body).toList();
    assertEquals(List.of("two", "three"), left);
  }

  @Test
  void storedMessagesGetTheClocksStamp() throws Exception {
    server(b -> { });
    InMemoryOfflineStore store = new InMemoryOfflineStore();
    OfflineMessages offline = new OfflineMessages(ParleyTestAccess.config(parley), store,
        Runnable::run, () -> ParleyTestAccess.component(parley).router(),
        ParleyTestAccess.component(parley).sessions(),
        Clock.fixed(Instant.parse("2026-01-01T10:20:30Z"), ZoneOffset.UTC));
    offline.handle(chat("juliet@example.test", "stamped")
        .withFrom(Jid.of("romeo@example.test/orchard")));
    Message stored = store.takeAll(Jid.of("juliet@example.test")).get(0);
    Element delay = stored.child("delay", "urn:xmpp:delay");
    assertEquals("2026-01-01T10:20:30Z", delay.attribute("stamp"));
    assertEquals("Offline Storage", delay.text());
  }

  private InMemoryOfflineStore store() {
    return store;
  }

  // Storage happens off the sender's thread; poll for it rather than sleep a fixed time.
  private void awaitStored(Jid user, int count) throws InterruptedException {
    for (int i = 0; i < 500 && store.count(user) < count; i++) {
      Thread.sleep(10);
    }
    assertEquals(count, store.count(user));
  }

  /** A session whose mailbox takes {@code capacity} stanzas and refuses the rest. */
}
