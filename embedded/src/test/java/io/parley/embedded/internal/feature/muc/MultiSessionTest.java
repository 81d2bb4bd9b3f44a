package io.parley.embedded.internal.feature.muc;

import static io.parley.embedded.internal.feature.muc.MucTest.ROOM;
import static io.parley.embedded.internal.feature.muc.MucTest.codes;
import static io.parley.embedded.internal.feature.muc.MucTest.groupchat;
import static io.parley.embedded.internal.feature.muc.MucTest.item;
import static io.parley.embedded.internal.feature.muc.MucTest.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** XEP-0045 §7.2 one user in a room from several sessions under one nickname (as Prosody). */
class MultiSessionTest {
  static final String NICK = "juliet";

  Parley parley;
  TestClient romeo;
  TestClient balcony;
  TestClient garden;

  @BeforeEach
  void start() throws InterruptedException {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .inMemoryStorage().build().start();
    romeo = new TestClient(parley, "romeo@example.test/orchard").available(0);
    balcony = new TestClient(parley, "juliet@example.test/balcony").available(0);
    garden = new TestClient(parley, "juliet@example.test/garden").available(0);
    romeo.session.send(join("romeo"));
    romeo.next(s -> s instanceof Presence p && codes(p).contains("110"));
    Iq instant = romeo.request(Iq.Type.SET, ROOM, Element.builder("query", Muc.OWNER)
        .child(Element.builder("x", Muc.DATA).attribute("type", "submit").build()).build());
    assertEquals(Iq.Type.RESULT, instant.type());
    subject(romeo);
    enter(balcony);
    romeo.next(s -> isFrom(s, NICK) && s instanceof Presence);
  }

  @AfterEach
  void stop() {
    parley.close();
  }

  private static boolean isFrom(Stanza s, String nick) {
    return ROOM.withResource(nick).equals(s.from());
  }

  private static void subject(TestClient c) throws InterruptedException {
    c.next(s -> s instanceof Message m && m.child("subject", Muc.CLIENT) != null);
  }

  private static Presence enter(TestClient c) throws InterruptedException {
    c.session.send(join(NICK));
    Presence self = (Presence) c.next(s -> isFrom(s, NICK) && codes(s).contains("110"));
    assertEquals(Presence.Type.AVAILABLE, self.type(), self::toString);
    subject(c);
    return self;
  }

  private static Stanza roomPresence(TestClient c) throws InterruptedException {
    return c.none(s -> s instanceof Presence && s.from() != null
        && ROOM.equals(s.from().asBare()));
  }

  @Test
  void aSecondSessionJoinsTheSameOccupantUnseenByOthers() throws Exception {
    garden.session.send(join(NICK));
    Stanza first = garden.next();
    assertTrue(isFrom(first, "romeo"), "others' presence first: " + first);
    Presence self = (Presence) garden.next();
    assertEquals(List.of("110"), codes(self));
    assertEquals("juliet@example.test/garden", item(self).attribute("jid"));
    assertNotNull(garden.next().child("subject", Muc.CLIENT));
    assertNull(roomPresence(romeo), "the room still shows one occupant");
    Iq info = romeo.request(Iq.Type.GET, ROOM, Element.of("query", Muc.DISCO_INFO));
    assertEquals(List.of("2"), DataForms.values(info.payload().child("x", Muc.DATA))
        .get("muc#roominfo_occupants"));

    // Room traffic reaches every session; a session's message comes from the one nickname.
    romeo.session.send(groupchat("to all"));
    balcony.next(s -> s instanceof Message m && "to all".equals(m.body()));
    garden.next(s -> s instanceof Message m && "to all".equals(m.body()));
    garden.session.send(groupchat("from garden"));
    Message seen = (Message) romeo.next(s -> s instanceof Message m
        && "from garden".equals(m.body()));
    assertEquals(ROOM.withResource(NICK), seen.from());
    balcony.next(s -> s instanceof Message m && "from garden".equals(m.body()));
    garden.next(s -> s instanceof Message m && "from garden".equals(m.body()));
    romeo.session.send(new Message(ROOM.withResource(NICK), null, "pm", Message.Type.CHAT, null,
        List.of(Muc.text("body", Muc.CLIENT, "psst"))));
    balcony.next(s -> s instanceof Message m && "psst".equals(m.body()));
    garden.next(s -> s instanceof Message m && "psst".equals(m.body()));
  }

  @Test
  void theOccupantLeavesWithItsLastSession() throws Exception {
    enter(garden);
    garden.session.send(new Presence(ROOM.withResource(NICK), null, "bye",
        Presence.Type.UNAVAILABLE, null, List.of()));
    Presence out = (Presence) garden.next(s -> isFrom(s, NICK)
        && ((Presence) s).type() == Presence.Type.UNAVAILABLE);
    assertEquals(List.of("110"), codes(out));
    assertNull(roomPresence(romeo), "the other session is still in the room");
    romeo.session.send(groupchat("still there"));
    balcony.next(s -> s instanceof Message m && "still there".equals(m.body()));
    assertNull(garden.none(s -> s instanceof Message m && "still there".equals(m.body())));

    balcony.session.send(new Presence(ROOM.withResource(NICK), null, "bye2",
        Presence.Type.UNAVAILABLE, null, List.of()));
    Presence gone = (Presence) romeo.next(s -> isFrom(s, NICK));
    assertEquals(Presence.Type.UNAVAILABLE, gone.type());
  }

  @Test
  void whenThePrimarySessionLeavesOthersSeeTheRemainingOnesPresence() throws Exception {
    enter(garden);
    balcony.session.send(new Presence(ROOM.withResource(NICK), null, "bye",
        Presence.Type.UNAVAILABLE, null, List.of()));
    balcony.next(s -> isFrom(s, NICK) && ((Presence) s).type() == Presence.Type.UNAVAILABLE);
    Presence update = (Presence) romeo.next(s -> isFrom(s, NICK));
    assertEquals(Presence.Type.AVAILABLE, update.type(), update::toString);
    assertEquals("juliet@example.test/garden", item(update).attribute("jid"),
        "the moderator sees the remaining session's JID");
  }

  @Test
  void aSessionsPresenceChangeIsTheOccupants() throws Exception {
    enter(garden);
    garden.session.send(new Presence(ROOM.withResource(NICK), null, "away",
        Presence.Type.AVAILABLE, null, List.of(Muc.text("show", Muc.CLIENT, "away"))));
    Presence update = (Presence) romeo.next(s -> isFrom(s, NICK));
    assertEquals("away", update.child("show", Muc.CLIENT).text());
    // Each session gets the self-presence.
    balcony.next(s -> isFrom(s, NICK) && codes(s).contains("110"));
    garden.next(s -> isFrom(s, NICK) && codes(s).contains("110"));
  }

  @Test
  void anotherUserStillMayNotTakeTheNick() throws Exception {
    TestClient nurse = new TestClient(parley, "nurse@example.test/hall").available(0);
    nurse.session.send(join(NICK));
    Presence refused = (Presence) nurse.next(s -> isFrom(s, NICK));
    assertEquals(Condition.CONFLICT, refused.error().condition());
  }

  @Test
  void kickingTheOccupantRemovesEverySession() throws Exception {
    enter(garden);
    Iq kick = romeo.request(Iq.Type.SET, ROOM, MucTest.admin("nick", NICK, "role", "none"));
    assertEquals(Iq.Type.RESULT, kick.type(), kick::toString);
    for (TestClient c : List.of(balcony, garden)) {
      Presence out = (Presence) c.next(s -> isFrom(s, NICK)
          && ((Presence) s).type() == Presence.Type.UNAVAILABLE);
      assertEquals(List.of("307", "110"), codes(out));
    }
  }
}
