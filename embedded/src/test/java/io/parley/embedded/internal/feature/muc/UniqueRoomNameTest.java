package io.parley.embedded.internal.feature.muc;

import static io.parley.embedded.internal.feature.muc.MucTest.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** XEP-0045 §10.1.4 requesting a unique room name ({@code muc#unique}). */
class UniqueRoomNameTest {
  static final Jid SERVICE = Jid.of("conference.example.test");

  Parley parley;
  TestClient romeo;

  @BeforeEach
  void start() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .inMemoryStorage().build().start();
    romeo = new TestClient(parley, "romeo@example.test/orchard").available(0);
  }

  @AfterEach
  void stop() {
    parley.close();
  }

  private String unique() throws InterruptedException {
    Iq result = romeo.request(Iq.Type.GET, SERVICE, Element.of("unique", Muc.UNIQUE));
    assertEquals(Iq.Type.RESULT, result.type(), result::toString);
    assertEquals("unique", result.payload().name());
    return result.payload().text();
  }

  @Test
  void serviceAdvertisesTheFeature() throws Exception {
    Iq info = romeo.request(Iq.Type.GET, SERVICE, Element.of("query", Muc.DISCO_INFO));
    assertTrue(info.payload().elements().stream().anyMatch(f -> f.name().equals("feature")
        && Muc.UNIQUE.equals(f.attribute("var"))), info::toString);
  }

  @Test
  void eachRequestGetsAFreshNameThatCreatesARoom() throws Exception {
    String first = unique();
    String second = unique();
    assertNotEquals(first, second);
    Jid room = Jid.of(first + "@conference.example.test");
    romeo.session.send(new Presence(room.withResource("romeo"), null, "c1",
        Presence.Type.AVAILABLE, null, List.of(Element.of("x", Muc.NAMESPACE))));
    Presence self = (Presence) romeo.next(s -> s instanceof Presence p
        && room.withResource("romeo").equals(p.from()));
    assertEquals(List.of("201", "110"), codes(self), self::toString);
  }

  @Test
  void setIsNotARequestForAName() throws Exception {
    Iq result = romeo.request(Iq.Type.SET, SERVICE, Element.of("unique", Muc.UNIQUE));
    assertEquals(Iq.Type.ERROR, result.type(), result::toString);
  }
}
