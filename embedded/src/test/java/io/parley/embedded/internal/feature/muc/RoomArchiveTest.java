package io.parley.embedded.internal.feature.muc;

import static io.parley.embedded.internal.feature.muc.MucTest.ROOM;
import static io.parley.embedded.internal.feature.muc.MucTest.form;
import static io.parley.embedded.internal.feature.muc.MucTest.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0359 stanza-ids on live room messages (the ids of the room's XEP-0313 archive), and the
 * archive kept in the default database across a restart.
 */
class RoomArchiveTest {
  @TempDir Path dataDir;

  private Parley server() {
    return Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).build().start();
  }

  private static List<Element> stanzaIds(Stanza s) {
    List<Element> ids = new ArrayList<>();
    for (Element e : s.children()) {
      if (e.name().equals("stanza-id") && e.namespace().equals(Muc.SID)) {
        ids.add(e);
      }
    }
    return ids;
  }

  private static void createPersistentRoom(TestClient owner) throws InterruptedException {
    owner.session.send(join("romeo"));
    owner.next(s -> s instanceof Presence p && MucTest.codes(p).contains("110"));
    Iq configured = owner.request(Iq.Type.SET, ROOM,
        form(RoomConfig.PERSISTENT, "1"));
    assertEquals(Iq.Type.RESULT, configured.type(), configured::toString);
    owner.next(s -> s instanceof Message m && m.child("subject", Muc.CLIENT) != null);
  }

  private static void enter(TestClient c, String nick) throws InterruptedException {
    c.session.send(join(nick));
    c.next(s -> s instanceof Message m && m.child("subject", Muc.CLIENT) != null);
  }

  /** The ids of a room MAM query's results, in order. */
  private static List<String> archiveIds(TestClient c, String queryId)
      throws InterruptedException {
    Iq fin = c.request(Iq.Type.SET, ROOM, Element.builder("query", RoomArchiveQueries.MAM)
        .attribute("queryid", queryId).build());
    assertEquals(Iq.Type.RESULT, fin.type(), fin::toString);
    // The results come before the IQ result, which names the last one.
    String last = fin.payload().child("set", RoomArchiveQueries.RSM)
        .childText("last", RoomArchiveQueries.RSM);
    List<String> ids = new ArrayList<>();
    while (last != null && !ids.contains(last)) {
      Stanza s = c.next(x -> x.child("result", RoomArchiveQueries.MAM) != null);
      ids.add(s.child("result", RoomArchiveQueries.MAM).attribute("id"));
    }
    return ids;
  }

  @Test
  void liveMessageCarriesTheArchiveIdAndSpoofedIdsAreRemoved() throws Exception {
    try (Parley parley = server()) {
      TestClient romeo = new TestClient(parley, "romeo@example.test/orchard").available(0);
      TestClient juliet = new TestClient(parley, "juliet@example.test/balcony").available(0);
      createPersistentRoom(romeo);
      enter(juliet, "juliet");
      Element spoofed = Element.builder("stanza-id", Muc.SID).attribute("id", "fake")
          .attribute("by", ROOM.toString()).build();
      Element foreign = Element.builder("stanza-id", Muc.SID).attribute("id", "theirs")
          .attribute("by", "elsewhere.test").build();
      romeo.session.send(new Message(ROOM, null, "m1", Message.Type.GROUPCHAT, null, List.of(
          Muc.text("body", Muc.CLIENT, "hello"), spoofed, foreign)));
      Message got = (Message) juliet.next(s -> s instanceof Message m && "hello".equals(m.body()));
      List<Element> ids = stanzaIds(got);
      assertEquals(2, ids.size(), got::toString);
      assertEquals(foreign, ids.get(0), "a stanza-id by another entity is kept");
      Element own = ids.get(1);
      assertEquals(ROOM.toString(), own.attribute("by"));
      assertNotEquals("fake", own.attribute("id"));
      Message echo = (Message) romeo.next(s -> s instanceof Message m && "hello".equals(m.body()));
      assertEquals(own, stanzaIds(echo).get(1), "every occupant gets the same id");

      assertEquals(List.of(own.attribute("id")), archiveIds(juliet, "q1"));

      // A newcomer's history carries the same id.
      TestClient nurse = new TestClient(parley, "nurse@example.test/hall").available(0);
      nurse.session.send(join("nurse"));
      Message history = (Message) nurse.next(s -> s instanceof Message m
          && "hello".equals(m.body()));
      assertNotNull(history.child("delay", Muc.DELAY));
      assertEquals(List.of(foreign, own), stanzaIds(history));

      // A subject change and a private message lose a spoofed id too.
      romeo.session.send(new Message(ROOM.withResource("juliet"), null, "pm", Message.Type.CHAT,
          null, List.of(Muc.text("body", Muc.CLIENT, "psst"), spoofed)));
      Message pm = (Message) juliet.next(s -> s instanceof Message m && "psst".equals(m.body()));
      assertTrue(stanzaIds(pm).isEmpty(), pm::toString);
    }
  }

  @Test
  void roomDiscoAdvertisesStanzaIds() throws Exception {
    try (Parley parley = server()) {
      TestClient romeo = new TestClient(parley, "romeo@example.test/orchard").available(0);
      createPersistentRoom(romeo);
      Iq info = romeo.request(Iq.Type.GET, ROOM, Element.of("query", Muc.DISCO_INFO));
      assertTrue(info.payload().elements().stream().anyMatch(f -> f.name().equals("feature")
          && Muc.SID.equals(f.attribute("var"))), info::toString);
    }
  }

  @Test
  void persistentRoomAndItsArchiveSurviveARestart() throws Exception {
    List<String> before;
    try (Parley parley = server()) {
      TestClient romeo = new TestClient(parley, "romeo@example.test/orchard").available(0);
      createPersistentRoom(romeo);
      for (String body : List.of("one", "two")) {
        romeo.session.send(MucTest.groupchat(body));
        romeo.next(s -> s instanceof Message m && body.equals(m.body()));
      }
      // Queued behind the appends in the room's lane: both are stored when it answers.
      before = archiveIds(romeo, "q1");
      assertEquals(2, before.size());
    }
    try (Parley parley = server()) {
      TestClient juliet = new TestClient(parley, "juliet@example.test/balcony").available(0);
      Iq info = juliet.request(Iq.Type.GET, ROOM, Element.of("query", Muc.DISCO_INFO));
      assertEquals(Iq.Type.RESULT, info.type(), "the persistent room was not restored: " + info);
      assertEquals(before, archiveIds(juliet, "q2"));
      // History on join comes from memory, which a restart empties; the archive has it all.
      enter(juliet, "juliet");
      juliet.session.send(MucTest.groupchat("three"));
      Message three = (Message) juliet.next(s -> s instanceof Message m
          && "three".equals(m.body()));
      List<String> after = archiveIds(juliet, "q3");
      assertEquals(3, after.size());
      assertEquals(before, after.subList(0, 2));
      assertEquals(stanzaIds(three).get(0).attribute("id"), after.get(2));
    }
  }

  @Test
  void destroyedRoomLosesItsArchive() throws Exception {
    try (Parley parley = server()) {
      TestClient romeo = new TestClient(parley, "romeo@example.test/orchard").available(0);
      createPersistentRoom(romeo);
      romeo.session.send(MucTest.groupchat("gone"));
      romeo.next(s -> s instanceof Message m && "gone".equals(m.body()));
      Iq destroyed = romeo.request(Iq.Type.SET, ROOM, Element.builder("query", Muc.OWNER)
          .child(Element.of("destroy", Muc.OWNER)).build());
      assertEquals(Iq.Type.RESULT, destroyed.type(), destroyed::toString);
      createPersistentRoom(romeo);
      assertEquals(List.of(), archiveIds(romeo, "q1"));
    }
  }
}
