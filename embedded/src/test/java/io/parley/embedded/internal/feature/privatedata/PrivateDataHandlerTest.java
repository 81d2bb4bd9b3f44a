package io.parley.embedded.internal.feature.privatedata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.embedded.internal.storage.memory.InMemoryXmlStore;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError.Condition;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0049 through in-process sessions and the real graph, one test per rule and error. */
class PrivateDataHandlerTest {
  private static final String NS = "jabber:iq:private";
  private static final Jid HAMLET = Jid.of("hamlet@example.test");

  @TempDir Path dataDir;
  private final InMemoryXmlStore store = new InMemoryXmlStore();
  private Parley parley;
  private Client hamlet;

  @BeforeEach
  void start() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage()
        .credentials(new InMemoryCredentialStore().addUser("hamlet", "pw")
            .addUser("macbeth", "pw"))
        .xmlStore(store)
        .build().start();
    hamlet = new Client(parley, "hamlet@example.test/denmark");
  }

  @AfterEach
  void close() {
    parley.close();
  }

  private static final class Client {
    final InProcessSession session;
    final BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();

    Client(Parley parley, String jid) {
      session = parley.openSession(Jid.of(jid), inbox::add);
    }

    Iq ask(Iq request) throws InterruptedException {
      session.send(request);
      Iq reply = (Iq) inbox.poll(5, TimeUnit.SECONDS);
      assertEquals(request.id(), reply.id());
      return reply;
    }
  }

  private static Element query(Element... fragments) {
    return Element.builder("query", NS).children(List.of(fragments)).build();
  }

  private static Element prefs(String nick) {
    return Element.builder("exodus", "exodus:prefs").textChild("defaultnick", nick).build();
  }

  private static Iq get(Element... fragments) {
    return Iq.get(null, "g", query(fragments));
  }

  private static Iq set(Element... fragments) {
    return Iq.set(null, "s", query(fragments));
  }

  @Test
  void storedFragmentIsReturnedByNameAndNamespace() throws Exception {
    assertEquals(Iq.Type.RESULT, hamlet.ask(set(prefs("Hamlet"))).type());
    Iq reply = hamlet.ask(get(Element.of("exodus", "exodus:prefs")));
    assertEquals(Iq.Type.RESULT, reply.type());
    assertEquals(query(prefs("Hamlet")), reply.payload());
    assertEquals(prefs("Hamlet"), store.get(HAMLET, "private:exodus:prefs|exodus").get());
  }

  @Test
  void neverStoredFragmentIsTheEmptyElementAskedFor() throws Exception {
    Iq reply = hamlet.ask(get(Element.of("storage", "storage:bookmarks")));
    assertEquals(query(Element.of("storage", "storage:bookmarks")), reply.payload());
  }

  @Test
  void toOwnBareJidIsAllowed() throws Exception {
    hamlet.ask(set(prefs("Hamlet")));
    Iq reply = hamlet.ask(Iq.get(HAMLET, "g", query(Element.of("exodus", "exodus:prefs"))));
    assertEquals(query(prefs("Hamlet")), reply.payload());
  }

  @Test
  void anotherUsersDataIsForbidden() throws Exception {
    Client macbeth = new Client(parley, "macbeth@example.test/castle");
    Iq setReply = macbeth.ask(Iq.set(HAMLET, "s", query(prefs("Macbeth"))));
    assertEquals(Condition.FORBIDDEN, setReply.error().condition());
    Iq getReply = macbeth.ask(Iq.get(HAMLET, "g", query(Element.of("exodus", "exodus:prefs"))));
    assertEquals(Condition.FORBIDDEN, getReply.error().condition());
    assertTrue(store.get(HAMLET, "private:exodus:prefs|exodus").isEmpty());
  }

  @Test
  void queryWithoutChildIsNotAcceptable() throws Exception {
    assertEquals(Condition.NOT_ACCEPTABLE, hamlet.ask(get()).error().condition());
    assertEquals(Condition.NOT_ACCEPTABLE, hamlet.ask(set()).error().condition());
  }

  @Test
  void reservedNamespacesAreNotAcceptable() throws Exception {
    for (Element reserved : List.of(
        Element.builder("vCard", "vcard-temp").textChild("FN", "Hamlet").build(),
        Element.of("query", "jabber:iq:roster"),
        Element.of("query", "http://jabber.org/protocol/disco#info"),
        Element.of("query", NS))) {
      assertEquals(Condition.NOT_ACCEPTABLE, hamlet.ask(set(reserved)).error().condition(),
          reserved.toString());
      assertEquals(Condition.NOT_ACCEPTABLE, hamlet.ask(get(reserved)).error().condition());
    }
  }

  @Test
  void childWithoutNamespaceIsNotAcceptable() throws Exception {
    assertEquals(Condition.NOT_ACCEPTABLE,
        hamlet.ask(set(Element.of("prefs", ""))).error().condition());
  }

  @Test
  void severalNamespacesInOneRequestAreBadRequest() throws Exception {
    assertEquals(Condition.BAD_REQUEST, hamlet.ask(get(Element.of("exodus", "exodus:prefs"),
        Element.of("storage", "storage:bookmarks"))).error().condition());
    assertEquals(Condition.BAD_REQUEST, hamlet.ask(set(prefs("a"),
        Element.of("storage", "storage:bookmarks"))).error().condition());
  }

  @Test
  void twoChildrenOfOneNameAreBadRequest() throws Exception {
    assertEquals(Condition.BAD_REQUEST,
        hamlet.ask(set(prefs("a"), prefs("b"))).error().condition());
  }

  @Test
  void severalElementsOfOneNamespaceAreStoredAndReturnedTogether() throws Exception {
    Element colours = Element.builder("colours", "exodus:prefs").textChild("bg", "black").build();
    hamlet.ask(set(prefs("Hamlet"), colours));
    Iq reply = hamlet.ask(get(Element.of("exodus", "exodus:prefs"),
        Element.of("colours", "exodus:prefs")));
    assertEquals(query(prefs("Hamlet"), colours), reply.payload());
  }

  @Test
  void settingAnEmptyElementRemovesTheData() throws Exception {
    hamlet.ask(set(prefs("Hamlet")));
    assertEquals(Iq.Type.RESULT, hamlet.ask(set(Element.of("exodus", "exodus:prefs"))).type());
    assertTrue(store.get(HAMLET, "private:exodus:prefs|exodus").isEmpty());
    assertEquals(query(Element.of("exodus", "exodus:prefs")),
        hamlet.ask(get(Element.of("exodus", "exodus:prefs"))).payload());
  }

  @Test
  void accountDiscoAdvertisesPrivateStorage() throws Exception {
    Iq info = hamlet.ask(Iq.get(HAMLET, "d",
        Element.of("query", "http://jabber.org/protocol/disco#info")));
    List<String> features = info.payload().elements().stream()
        .filter(e -> e.name().equals("feature")).map(e -> e.attribute("var")).toList();
    assertTrue(features.contains(NS), features.toString());
  }
}
