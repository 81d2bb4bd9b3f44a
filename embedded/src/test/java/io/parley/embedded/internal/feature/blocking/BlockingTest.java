package io.parley.embedded.internal.feature.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.embedded.internal.storage.memory.InMemoryBlockListStore;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.storage.BlockListStore;
import io.parley.spi.storage.NonBlockingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0191 through in-process sessions and the real graph. */
class BlockingTest {
  private static final String NS = "urn:xmpp:blocking";
  private static final Jid ALICE = Jid.of("alice@example.test");
  private static final Jid BOB = Jid.of("bob@example.test");

  @TempDir Path dataDir;
  private Parley parley;
  private final BlockListStore store = new InMemoryBlockListStore();

  private Parley server() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage().blockListStore(store).build().start();
    return parley;
  }

  @AfterEach
  void close() {
    if (parley != null) {
      parley.close();
    }
  }

  private static Element command(String name, String... jids) {
    Element.Builder b = Element.builder(name, NS);
    for (String jid : jids) {
      b.child(Element.builder("item", NS).attribute("jid", jid).build());
    }
    return b.build();
  }

  private static List<String> items(Element list) {
    List<String> jids = new ArrayList<>();
    for (Element item : list.elements()) {
      jids.add(item.attribute("jid"));
    }
    return jids;
  }

  private static void assertError(Stanza s, StanzaError.Condition condition) {
    assertEquals("error", s.typeName(), s.toString());
    assertEquals(condition, s.error().condition(), s.toString());
  }

  private static void assertResult(Iq iq) {
    assertEquals(Iq.Type.RESULT, iq.type(), iq.toString());
  }

  private void block(TestClient c, String... jids) throws InterruptedException {
    assertResult(c.request(Iq.Type.SET, null, command("block", jids)));
  }

  private static Message chat(Jid to, String body) {
    return Message.chat(to, body);
  }

  // ---- §3.2 retrieving the list

  @Test
  void emptyBlockListIsAnEmptyElement() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    Iq result = alice.request(Iq.Type.GET, null, command("blocklist"));
    assertResult(result);
    assertEquals("blocklist", result.payload().name());
    assertEquals(NS, result.payload().namespace());
    assertTrue(result.payload().elements().isEmpty());
  }

  @Test
  void blockListHasOneItemPerBlockedJid() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    block(alice, "bob@example.test", "example.net");
    Iq result = alice.request(Iq.Type.GET, null, command("blocklist"));
    assertEquals(List.of("bob@example.test", "example.net"), items(result.payload()));
    assertEquals(Set.of(BOB, Jid.of("example.net")), store.blocked(ALICE));
  }

  @Test
  void blockListOfOwnBareJidIsAnswered() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    assertResult(alice.request(Iq.Type.GET, ALICE, command("blocklist")));
  }

  // ---- errors

  @Test
  void blockWithoutItemIsBadRequest() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    assertError(alice.request(Iq.Type.SET, null, command("block")),
        StanzaError.Condition.BAD_REQUEST);
  }

  @Test
  void itemWithoutJidIsBadRequest() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    Element block = Element.builder("block", NS).child(Element.of("item", NS)).build();
    assertError(alice.request(Iq.Type.SET, null, block), StanzaError.Condition.BAD_REQUEST);
  }

  @Test
  void invalidItemJidIsJidMalformed() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    assertError(alice.request(Iq.Type.SET, null, command("block", "bad@@jid")),
        StanzaError.Condition.JID_MALFORMED);
    assertError(alice.request(Iq.Type.SET, null, command("unblock", "@example.test")),
        StanzaError.Condition.JID_MALFORMED);
    assertTrue(store.blocked(ALICE).isEmpty());
  }

  @Test
  void blockAsGetIsBadRequest() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    assertError(alice.request(Iq.Type.GET, null, command("block", "bob@example.test")),
        StanzaError.Condition.BAD_REQUEST);
    assertTrue(store.blocked(ALICE).isEmpty());
  }

  @Test
  void unblockAsGetIsBadRequest() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    assertError(alice.request(Iq.Type.GET, null, command("unblock")),
        StanzaError.Condition.BAD_REQUEST);
  }

  @Test
  void blockListAsSetIsBadRequest() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    assertError(alice.request(Iq.Type.SET, null, command("blocklist")),
        StanzaError.Condition.BAD_REQUEST);
  }

  @Test
  void anotherUsersBlockListIsForbidden() throws Exception {
    server();
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    assertError(bob.request(Iq.Type.GET, ALICE, command("blocklist")),
        StanzaError.Condition.FORBIDDEN);
    assertError(bob.request(Iq.Type.SET, ALICE, command("unblock")),
        StanzaError.Condition.FORBIDDEN);
  }

  @Test
  void commandAddressedToTheDomainIsServiceUnavailable() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    assertError(alice.request(Iq.Type.GET, Jid.domain("example.test"), command("blocklist")),
        StanzaError.Condition.SERVICE_UNAVAILABLE);
  }

  @Test
  void storeFailureIsInternalServerError() throws Exception {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage().blockListStore(new BlockListStore() {
          @Override
          public Set<Jid> blocked(Jid user) {
            return Set.of();
          }

          @Override
          public void block(Jid user, Set<Jid> jids) {
            throw new IllegalStateException("disk full");
          }

          @Override
          public void unblock(Jid user, Set<Jid> jids) {}

          @Override
          public void deleteUser(Jid user) {}
        }).build().start();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    assertError(alice.request(Iq.Type.SET, null, command("block", "bob@example.test")),
        StanzaError.Condition.INTERNAL_SERVER_ERROR);
  }

  // ---- §3.1 discovery

  @Test
  void serverAdvertisesTheFeature() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    Iq info = alice.request(Iq.Type.GET, Jid.domain("example.test"),
        Element.of("query", "http://jabber.org/protocol/disco#info"));
    assertTrue(info.payload().elements().stream()
        .anyMatch(f -> NS.equals(f.attribute("var"))), info.toString());
  }

  // ---- pushes

  @Test
  void pushesGoToEveryResourceThatRequestedTheList() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk");
    TestClient phone = new TestClient(parley, "alice@example.test/phone");
    TestClient tablet = new TestClient(parley, "alice@example.test/tablet");
    assertResult(desk.request(Iq.Type.GET, null, command("blocklist")));
    assertResult(phone.request(Iq.Type.GET, null, command("blocklist")));
    block(desk, "bob@example.test");
    for (TestClient c : List.of(desk, phone)) {
      Iq push = (Iq) c.next(s -> s instanceof Iq iq && iq.type() == Iq.Type.SET);
      assertNull(push.from());
      assertEquals(c.jid(), push.to());
      assertEquals("block", push.payload().name());
      assertEquals(List.of("bob@example.test"), items(push.payload()));
    }
    assertNull(tablet.none(), "the tablet never asked for the list");
  }

  @Test
  void unblockPushNamesTheItemsAndUnblockAllPushIsEmpty() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk");
    desk.request(Iq.Type.GET, null, command("blocklist"));
    block(desk, "bob@example.test", "carol@example.test");
    assertResult(desk.request(Iq.Type.SET, null, command("unblock", "bob@example.test")));
    Iq push = (Iq) desk.next(s -> s instanceof Iq iq && iq.type() == Iq.Type.SET
        && iq.payload().name().equals("unblock"));
    assertEquals(List.of("bob@example.test"), items(push.payload()));
    assertEquals(Set.of(Jid.of("carol@example.test")), store.blocked(ALICE));

    assertResult(desk.request(Iq.Type.SET, null, command("unblock")));
    push = (Iq) desk.next(s -> s instanceof Iq iq && iq.type() == Iq.Type.SET
        && iq.payload().name().equals("unblock"));
    assertTrue(push.payload().elements().isEmpty());
    assertTrue(store.blocked(ALICE).isEmpty());
  }

  @Test
  void endedSessionGetsNoMorePushesAfterReconnecting() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk");
    TestClient other = new TestClient(parley, "alice@example.test/other");
    desk.request(Iq.Type.GET, null, command("blocklist"));
    desk.session.close();
    TestClient again = new TestClient(parley, "alice@example.test/desk");
    block(other, "bob@example.test");
    assertNull(again.none(), "the new session did not ask for the list");
  }

  // ---- §3.3 enforcement: stanzas from a blocked JID

  @Test
  void messageFromBlockedJidIsServiceUnavailableAndNotDelivered() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone").available(0);
    block(alice, "bob@example.test");
    bob.session.send(chat(ALICE, "hello?"));
    Stanza error = bob.next(s -> s instanceof Message);
    assertError(error, StanzaError.Condition.SERVICE_UNAVAILABLE);
    assertEquals(ALICE, error.from());
    assertNull(alice.none());
  }

  @Test
  void iqFromBlockedJidIsServiceUnavailable() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    block(alice, "bob@example.test");
    assertError(bob.request(Iq.Type.GET, alice.jid(), Element.of("query", "jabber:iq:version")),
        StanzaError.Condition.SERVICE_UNAVAILABLE);
    // Also for IQs the server answers on the user's behalf.
    assertError(bob.request(Iq.Type.GET, ALICE,
        Element.of("query", "http://jabber.org/protocol/disco#info")),
        StanzaError.Condition.SERVICE_UNAVAILABLE);
    assertNull(alice.none());
  }

  @Test
  void iqResponseFromBlockedJidIsDroppedSilently() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    block(alice, "bob@example.test");
    bob.session.send(new Iq(alice.jid(), null, "r1", Iq.Type.RESULT, null, List.of()));
    assertNull(alice.none());
    assertNull(bob.none());
  }

  @Test
  void presenceFromBlockedJidIsDroppedSilently() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    block(alice, "bob@example.test");
    bob.session.send(new Presence(ALICE, null, null, Presence.Type.AVAILABLE, null, List.of()));
    bob.session.send(new Presence(ALICE, null, null, Presence.Type.SUBSCRIBE, null, List.of()));
    assertNull(alice.none());
    assertNull(bob.none());
  }

  @Test
  void errorMessageFromBlockedJidIsDroppedSilently() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    block(alice, "bob@example.test");
    bob.session.send(new Message(alice.jid(), null, "e1", Message.Type.ERROR, null, List.of()));
    assertNull(alice.none());
    assertNull(bob.none());
  }

  // ---- §3.3 enforcement: stanzas to a blocked JID

  @Test
  void messageToBlockedJidIsNotAcceptableWithBlockedCondition() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone").available(0);
    block(alice, "bob@example.test");
    alice.session.send(chat(BOB, "can you hear me now?"));
    Stanza error = alice.next(s -> s instanceof Message);
    assertError(error, StanzaError.Condition.NOT_ACCEPTABLE);
    StanzaError e = error.error();
    assertEquals(StanzaError.Type.CANCEL, e.type());
    assertNotNull(e.applicationCondition());
    assertEquals("blocked", e.applicationCondition().name());
    assertEquals("urn:xmpp:blocking:errors", e.applicationCondition().namespace());
    assertEquals(BOB, error.from());
    assertEquals(alice.jid(), error.to());
    assertNull(bob.none());
  }

  @Test
  void iqToBlockedJidIsNotAcceptable() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    block(alice, "bob@example.test");
    Iq error = alice.request(Iq.Type.GET, bob.jid(), Element.of("query", "jabber:iq:version"));
    assertError(error, StanzaError.Condition.NOT_ACCEPTABLE);
    assertEquals("urn:xmpp:blocking:errors", error.error().applicationCondition().namespace());
    assertNull(bob.none());
  }

  @Test
  void presenceToBlockedJidIsDropped() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk");
    TestClient bob = new TestClient(parley, "bob@example.test/phone").available(0);
    block(alice, "bob@example.test");
    alice.session.send(new Presence(BOB, null, null, Presence.Type.AVAILABLE, null, List.of()));
    assertNull(bob.none());
    assertNull(alice.none());
  }

  // ---- §4 matching

  @Test
  void blockedDomainCoversItsUsers() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    block(alice, "example.test");
    bob.session.send(chat(ALICE, "hi"));
    assertError(bob.next(), StanzaError.Condition.SERVICE_UNAVAILABLE);
  }

  @Test
  void blockedFullJidCoversOnlyThatResource() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient phone = new TestClient(parley, "bob@example.test/phone");
    TestClient laptop = new TestClient(parley, "bob@example.test/laptop");
    block(alice, "bob@example.test/phone");
    phone.session.send(chat(ALICE, "from the phone"));
    assertError(phone.next(), StanzaError.Condition.SERVICE_UNAVAILABLE);
    laptop.session.send(chat(ALICE, "from the laptop"));
    assertEquals("from the laptop", ((Message) alice.next()).body());
  }

  @Test
  void ownResourcesAreNeverBlocked() throws Exception {
    server();
    TestClient desk = new TestClient(parley, "alice@example.test/desk");
    TestClient phone = new TestClient(parley, "alice@example.test/phone");
    block(desk, "example.test");
    desk.session.send(chat(phone.jid(), "note to self"));
    assertEquals("note to self", ((Message) phone.next()).body());
  }

  // ---- §3.4, §3.5 unblocking

  @Test
  void unblockRestoresDelivery() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    block(alice, "bob@example.test");
    assertResult(alice.request(Iq.Type.SET, null, command("unblock", "bob@example.test")));
    bob.session.send(chat(ALICE, "back again"));
    assertEquals("back again", ((Message) alice.next()).body());
  }

  @Test
  void unblockAllRestoresDelivery() throws Exception {
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone").available(0);
    block(alice, "bob@example.test", "carol@example.test");
    assertResult(alice.request(Iq.Type.SET, null, command("unblock")));
    bob.session.send(chat(ALICE, "all clear"));
    assertEquals("all clear", ((Message) alice.next()).body());
    alice.session.send(chat(BOB, "reply"));
    assertEquals("reply", ((Message) bob.next()).body());
  }

  // ---- the cache

  @Test
  void aNonBlockingStoresListIsReadDuringTheBindAndEnforcedFromTheFirstStanza()
      throws Exception {
    store.block(ALICE, Set.of(BOB));
    List<String> readers = new CopyOnWriteArrayList<>();
    BlockListStore recording = new Recording(store, readers);
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "test-blocking"));
    try {
      parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
          .dataDirectory(dataDir).inMemoryStorage().blockListStore(recording)
          .blockingExecutor(pool).build().start();
      TestClient alice = new TestClient(parley, "alice@example.test/desk");
      assertEquals(1, readers.size(), "the list is read once, before the bind returns");
      assertNotEquals("test-blocking", readers.get(0), "read off the network thread");
      TestClient bob = new TestClient(parley, "bob@example.test/phone");
      bob.session.send(chat(ALICE, "first"));
      assertError(bob.next(), StanzaError.Condition.SERVICE_UNAVAILABLE);
    } finally {
      parley.close();
      parley = null;
      pool.shutdown();
    }
  }

  /** A store that never blocks and notes the threads that read Alice's list. */
  private static final class Recording extends MayBlock implements NonBlockingStore {
    private final List<String> readers;

    Recording(BlockListStore lists, List<String> readers) {
      super(lists);
      this.readers = readers;
    }

    @Override
    public Set<Jid> blocked(Jid user) {
      if (user.equals(ALICE)) {
        readers.add(Thread.currentThread().getName());
      }
      return super.blocked(user);
    }
  }

  @Test
  void storedListIsEnforcedOnceLoadedAtBind() throws Exception {
    store.block(ALICE, Set.of(BOB));
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage().blockListStore(new MayBlock(store))
        .build().start();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    // The list loads off the event loop after the bind; until then messages may pass.
    boolean refused = false;
    for (int i = 0; i < 50 && !refused; i++) {
      bob.session.send(chat(ALICE, "m" + i));
      Stanza s = bob.inbox.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      refused = s != null && "error".equals(s.typeName());
    }
    assertTrue(refused, "the stored block list was never enforced");
  }

  @Test
  void listIsEnforcedAfterTheClientFetchedIt() throws Exception {
    store.block(ALICE, Set.of(BOB));
    server();
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    TestClient bob = new TestClient(parley, "bob@example.test/phone");
    alice.request(Iq.Type.GET, null, command("blocklist"));
    bob.session.send(chat(ALICE, "hi"));
    assertError(bob.next(), StanzaError.Condition.SERVICE_UNAVAILABLE);
  }

  /** The same lists behind a store that does not promise never to block. */
  private static class MayBlock implements BlockListStore {
    private final BlockListStore lists;

    MayBlock(BlockListStore lists) {
      this.lists = lists;
    }

    @Override
    public Set<Jid> blocked(Jid user) {
      return lists.blocked(user);
    }

    @Override
    public void block(Jid user, Set<Jid> jids) {
      lists.block(user, jids);
    }

    @Override
    public void unblock(Jid user, Set<Jid> jids) {
      lists.unblock(user, jids);
    }

    @Override
    public void deleteUser(Jid user) {
      lists.deleteUser(user);
    }
  }
}
