package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.storage.memory.InMemoryRoomStore;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.muc.RoomAffiliation;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError.Condition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host code manages rooms through {@link GroupChat}; host-supplied membership follows changes. */
class GroupChatTest {
  static final String MUC = "http://jabber.org/protocol/muc";
  static final String USER = MUC + "#user";
  static final Jid TEAM = Jid.of("team-blue@conference.example.test");

  @TempDir Path dataDir;

  private Parley server(java.util.function.Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir);
    customize.accept(b);
    return b.build().start();
  }

  static Presence join(String nick) {
    return new Presence(TEAM.withResource(nick), null, "j", Presence.Type.AVAILABLE, null,
        List.of(Element.of("x", MUC)));
  }

  static Presence selfOrError(TestClient c, String nick) throws InterruptedException {
    return (Presence) c.next(s -> s instanceof Presence p && TEAM.withResource(nick).equals(p.from())
        && (p.type() == Presence.Type.ERROR || p.type() == Presence.Type.UNAVAILABLE
            || p.child("x", USER).toString().contains("110")));
  }

  @Test
  void hostCreatesAMembersOnlyRoomSetsAffiliationsPostsAndDestroys() throws Exception {
    try (Parley parley = server(b -> { })) {
      GroupChat rooms = parley.groupChat();
      assertTrue(rooms.createRoom(TEAM, Map.of("muc#roomconfig_membersonly", List.of("1"),
          "muc#roomconfig_roomname", List.of("Team Blue")),
          Map.of(Jid.of("alice@example.test"), RoomAffiliation.OWNER)));
      assertFalse(rooms.createRoom(TEAM, Map.of(), Map.of()));
      TestClient bob = new TestClient(parley, "bob@example.test/desk").available(0);
      bob.session.send(join("bob"));
      assertEquals(Condition.REGISTRATION_REQUIRED, selfOrError(bob, "bob").error().condition());
      rooms.setAffiliation(TEAM, Jid.of("bob@example.test"), RoomAffiliation.MEMBER);
      bob.session.send(join("bob"));
      assertEquals(Presence.Type.AVAILABLE, selfOrError(bob, "bob").type());
      rooms.post(TEAM, "stand-up now");
      Message posted = (Message) bob.next(s -> s instanceof Message m
          && "stand-up now".equals(m.body()));
      assertEquals(TEAM, posted.from());
      // Revoking membership of a members-only room puts the member out with 321.
      rooms.setAffiliation(TEAM, Jid.of("bob@example.test"), RoomAffiliation.NONE);
      Presence out = selfOrError(bob, "bob");
      assertEquals(Presence.Type.UNAVAILABLE, out.type(), out::toString);
      assertTrue(out.child("x", USER).toString().contains("321"), out::toString);
      rooms.destroy(TEAM, "reorganised", null);
      assertFalse(rooms.rooms().contains(TEAM));
    }
  }

  @Test
  void hostMembershipIsReadFromTheProviderAndFollowsChanges() throws Exception {
    Map<Jid, RoomAffiliation> team = new ConcurrentHashMap<>();
    team.put(Jid.of("bob@example.test"), RoomAffiliation.MEMBER);
    try (Parley parley = server(b -> b.roomMembershipProvider(room -> Map.copyOf(team)))) {
      GroupChat rooms = parley.groupChat();
      rooms.createRoom(TEAM, Map.of("muc#roomconfig_membersonly", List.of("1")), Map.of());
      awaitAffiliation(rooms, Jid.of("bob@example.test"), RoomAffiliation.MEMBER);
      TestClient bob = new TestClient(parley, "bob@example.test/desk").available(0);
      bob.session.send(join("bob"));
      assertEquals(Presence.Type.AVAILABLE, selfOrError(bob, "bob").type());
      team.clear();
      rooms.membershipChanged(TEAM);
      Presence out = selfOrError(bob, "bob");
      assertEquals(Presence.Type.UNAVAILABLE, out.type());
      assertTrue(out.child("x", USER).toString().contains("321"), out::toString);
    }
  }

  @Test
  void persistentRoomsSurviveARestartThroughTheRoomStore() throws Exception {
    InMemoryRoomStore store = new InMemoryRoomStore();
    try (Parley parley = server(b -> b.roomStore(store))) {
      parley.groupChat().createRoom(TEAM, Map.of("muc#roomconfig_persistentroom", List.of("1"),
          "muc#roomconfig_roomname", List.of("Team Blue")),
          Map.of(Jid.of("alice@example.test"), RoomAffiliation.OWNER));
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (store.rooms("conference.example.test").isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    }
    try (Parley parley = server(b -> b.roomStore(store))) {
      TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
      var info = alice.request(io.parley.spi.stanza.Iq.Type.GET, TEAM,
          Element.of("query", "http://jabber.org/protocol/disco#info"));
      Element identity = info.payload().child("identity", "http://jabber.org/protocol/disco#info");
      assertNotNull(identity, info::toString);
      assertEquals("Team Blue", identity.attribute("name"));
      assertEquals(RoomAffiliation.OWNER,
          parley.groupChat().affiliations(TEAM).get(Jid.of("alice@example.test")));
    }
  }

  private static void awaitAffiliation(GroupChat rooms, Jid user, RoomAffiliation a)
      throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (rooms.affiliations(TEAM).get(user) != a) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("host affiliation never applied");
      }
      Thread.sleep(10);
    }
  }

}
