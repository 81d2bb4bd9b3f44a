package io.parley.embedded.internal.feature.muc;

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
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError.Condition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0045 use cases through in-process sessions and the real server graph. */
class MucTest {
  static final Jid ROOM = Jid.of("room@conference.example.test");

  @TempDir Path dataDir;
  Parley parley;
  TestClient romeo;
  TestClient juliet;

  @BeforeEach
  void start() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).build().start();
    romeo = new TestClient(parley, "romeo@example.test/orchard").available(0);
    juliet = new TestClient(parley, "juliet@example.test/balcony").available(0);
  }

  @AfterEach
  void stop() {
    parley.close();
  }

  static Presence join(String nick, Element... extra) {
    List<Element> children = new ArrayList<>();
    children.add(Element.builder("x", Muc.NAMESPACE).children(List.of(extra)).build());
    return new Presence(ROOM.withResource(nick), null, "j-" + nick, Presence.Type.AVAILABLE,
        null, children);
  }

  static Element userX(Stanza s) {
    return s.child("x", Muc.USER);
  }

  static List<String> codes(Stanza s) {
    List<String> codes = new ArrayList<>();
    Element x = userX(s);
    if (x != null) {
      for (Element e : x.elements()) {
        if (e.name().equals("status")) {
          codes.add(e.attribute("code"));
        }
      }
    }
    return codes;
  }

  Presence presenceFrom(TestClient c, String nick) throws InterruptedException {
    return (Presence) c.next(s -> s instanceof Presence && ROOM.withResource(nick).equals(s.from()));
  }

  /** Romeo creates an instant room as "romeo". */
  void instantRoom() throws InterruptedException {
    romeo.session.send(join("romeo"));
    Presence self = presenceFrom(romeo, "romeo");
    assertEquals(List.of("201", "110"), codes(self));
    Iq result = romeo.request(Iq.Type.SET, ROOM, Element.builder("query", Muc.OWNER)
        .child(Element.builder("x", Muc.DATA).attribute("type", "submit").build()).build());
    assertEquals(Iq.Type.RESULT, result.type());
    romeo.next(s -> s instanceof Message m && m.child("subject", Muc.CLIENT) != null);
  }

  @Test
  void creatorGetsOwnerModeratorWith201AndTheRoomIsLockedUntilConfigured() throws Exception {
    romeo.session.send(join("romeo"));
    Presence self = presenceFrom(romeo, "romeo");
    Element item = userX(self).child("item", Muc.USER);
    assertEquals("owner", item.attribute("affiliation"));
    assertEquals("moderator", item.attribute("role"));
    assertEquals(List.of("201", "110"), codes(self));

    juliet.session.send(join("juliet"));
    Presence refused = presenceFrom(juliet, "juliet");
    assertEquals(Presence.Type.ERROR, refused.type());
    assertEquals(Condition.ITEM_NOT_FOUND, refused.error().condition());
    assertEquals("j-juliet", refused.id());
  }
}
