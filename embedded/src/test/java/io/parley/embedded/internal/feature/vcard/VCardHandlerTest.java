package io.parley.embedded.internal.feature.vcard;

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

/** XEP-0054 through in-process sessions and the real graph, one test per rule and error. */
class VCardHandlerTest {
  private static final String NS = "vcard-temp";

  @TempDir Path dataDir;
  private final InMemoryXmlStore store = new InMemoryXmlStore();
  private Parley parley;
  private Client juliet;
  private Client romeo;

  @BeforeEach
  void start() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage()
        .credentials(new InMemoryCredentialStore().addUser("juliet", "pw").addUser("romeo", "pw"))
        .xmlStore(store)
        .build().start();
    juliet = new Client(parley, "juliet@example.test/balcony");
    romeo = new Client(parley, "romeo@example.test/orchard");
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

  private static Element card(String fullName) {
    return Element.builder("vCard", NS).textChild("FN", fullName)
        .child(Element.builder("N", NS).textChild("GIVEN", fullName).build()).build();
  }

  private static Iq get(String to) {
    return Iq.get(to == null ? null : Jid.of(to), "g", Element.of("vCard", NS));
  }

  private static Iq set(String to, Element card) {
    return Iq.set(to == null ? null : Jid.of(to), "s", card);
  }

  @Test
  void ownMissingVCardIsAnEmptyVCard() throws Exception {
    Iq reply = juliet.ask(get(null));
    assertEquals(Iq.Type.RESULT, reply.type(), reply.toString());
    assertEquals(Element.of("vCard", NS), reply.payload());
  }

  @Test
  void ownVCardIsStoredAndReturned() throws Exception {
    assertEquals(Iq.Type.RESULT, juliet.ask(set(null, card("Juliet"))).type());
    assertEquals(card("Juliet"), juliet.ask(get(null)).payload());
    assertEquals(card("Juliet"), juliet.ask(get("juliet@example.test")).payload());
    assertEquals(card("Juliet"), store.get(Jid.of("juliet@example.test"), "vcard-temp").get());
  }

  @Test
  void setToOwnBareJidIsAllowedAndReplacesTheWholeCard() throws Exception {
    juliet.ask(set(null, card("Juliet")));
    assertEquals(Iq.Type.RESULT, juliet.ask(set("juliet@example.test", card("J."))).type());
    assertEquals(card("J."), juliet.ask(get(null)).payload());
  }

  @Test
  void anotherUsersVCardIsReadable() throws Exception {
    juliet.ask(set(null, card("Juliet")));
    Iq reply = romeo.ask(get("juliet@example.test"));
    assertEquals(Iq.Type.RESULT, reply.type());
    assertEquals(card("Juliet"), reply.payload());
    assertEquals(Jid.of("juliet@example.test"), reply.from());
  }

  @Test
  void anotherUsersMissingVCardIsItemNotFound() throws Exception {
    assertEquals(Condition.ITEM_NOT_FOUND,
        romeo.ask(get("juliet@example.test")).error().condition());
  }

  @Test
  void unknownAccountIsServiceUnavailable() throws Exception {
    assertEquals(Condition.SERVICE_UNAVAILABLE,
        romeo.ask(get("nobody@example.test")).error().condition());
  }

  @Test
  void settingAnotherUsersVCardIsForbidden() throws Exception {
    Iq reply = romeo.ask(set("juliet@example.test", card("Romeo was here")));
    assertEquals(Condition.FORBIDDEN, reply.error().condition());
    assertTrue(store.get(Jid.of("juliet@example.test"), "vcard-temp").isEmpty());
    assertEquals(Condition.FORBIDDEN,
        romeo.ask(set("nobody@example.test", card("x"))).error().condition());
  }

  @Test
  void theServerHasNoVCardAndNoneCanBeSet() throws Exception {
    assertEquals(Condition.ITEM_NOT_FOUND, romeo.ask(get("example.test")).error().condition());
    assertEquals(Condition.FORBIDDEN,
        romeo.ask(set("example.test", card("Server"))).error().condition());
  }

  @Test
  void serverAndAccountDiscoAdvertiseVcardTemp() throws Exception {
    for (String to : List.of("example.test", "juliet@example.test")) {
      Iq info = romeo.ask(Iq.get(Jid.of(to), "d",
          Element.of("query", "http://jabber.org/protocol/disco#info")));
      List<String> features = info.payload().elements().stream()
          .filter(e -> e.name().equals("feature")).map(e -> e.attribute("var")).toList();
      assertTrue(features.contains(NS), to + " " + features);
    }
  }
}
