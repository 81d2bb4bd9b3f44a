package io.parley.embedded.internal.feature.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.router.Router;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Room fan-out through the serialize-once engine: one preparation, many offers, none blocking. */
class RoomFanOutTest {
  private static final Jid ROOM = Jid.of("fan@conference.example.test");

  /** A session recording the prepared stanzas offered to it; refuses beyond its capacity. */
  private static final class PreparedRecorder implements Session {
    final Jid jid;
    final int capacity;
    final List<PreparedStanza> prepared = new CopyOnWriteArrayList<>();
    final List<Stanza> received = new CopyOnWriteArrayList<>();
    int refused;

    PreparedRecorder(Jid jid, int capacity) {
      this.jid = jid;
      this.capacity = capacity;
    }

    @Override
    public Jid jid() {
      return jid;
    }

    @Override
    public String transport() {
      return "test";
    }

    @Override
    public SocketAddress remoteAddress() {
      return null;
    }

    @Override
    public boolean deliver(Stanza stanza) {
      if (received.size() >= capacity) {
        refused++;
        return false;
      }
      return received.add(stanza);
    }

    @Override
    public boolean deliver(PreparedStanza p, Jid to) {
      if (received.size() >= capacity) {
        refused++;
        return false;
      }
      prepared.add(p);
      return received.add(p.stanza(to));
    }

    @Override
    public Presence presence() {
      return null;
    }

    @Override
    public void presence(Presence presence) {}

    @Override
    public void terminate(StreamErrorCondition condition) {}
  }

  private final SessionRegistry registry = new SessionRegistry();
  private final RoomBroadcast out = new RoomBroadcast(registry, () -> {
    throw new AssertionError("every occupant is a local session: nothing goes to the router");
  });
  private final RoomHost host = new RoomHost() {
    @Override
    public RoomBroadcast out() {
      return out;
    }

    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public int historySize() {
      return 20;
    }

    @Override
    public void changed(Room room) {}

    @Override
    public void removed(Room room) {}

    @Override
    public void archived(Room room, Message message, String id, Instant at) {}
  };
  private final Room room = new Room(ROOM, host, RoomConfig.defaults(20), false);

  private PreparedRecorder occupant(String name, int capacity) {
    PreparedRecorder s = new PreparedRecorder(Jid.of(name + "@example.test/r"), capacity);
    registry.bind(s, false);
    room.presence(new Presence(ROOM.withResource(name), s.jid, "j-" + name,
        Presence.Type.AVAILABLE, null,
        List.of(Element.builder("x", Muc.NAMESPACE).build())));
    return s;
  }

  private static Message groupchat(Jid from, String body) {
    return new Message(ROOM, from, "m-" + body, Message.Type.GROUPCHAT, null,
        List.of(Element.builder("body", Stanza.CLIENT_NAMESPACE).text(body).build()));
  }

  private static List<Stanza> messages(PreparedRecorder s) {
    List<Stanza> m = new ArrayList<>();
    for (Stanza st : s.received) {
      if (st instanceof Message msg && msg.body() != null) {
        m.add(st);
      }
    }
    return m;
  }

  @Test
  void aRoomMessageToManyOccupantsIsPreparedOnceAndOnlyToDiffers() {
    int n = 50;
    List<PreparedRecorder> occupants = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      occupants.add(occupant("user" + i, Integer.MAX_VALUE));
    }
    for (PreparedRecorder s : occupants) {
      s.prepared.clear();
      s.received.clear();
    }
    room.message(groupchat(occupants.get(0).jid, "hello"));
    PreparedStanza shared = occupants.get(0).prepared.get(0);
    for (PreparedRecorder s : occupants) {
      assertEquals(1, s.prepared.size(), s.jid + " got the message once");
      assertSame(shared, s.prepared.get(0), "one preparation for every occupant");
      Stanza got = s.received.get(0);
      assertEquals(s.jid, got.to());
      assertEquals(ROOM.withResource("user0"), got.from());
      assertEquals("hello", ((Message) got).body());
    }
  }

  @Test
  void aNewcomerGetsTheSamePreparedPresenceAndHistoryAsEveryOtherNewcomer() {
    PreparedRecorder first = occupant("first", Integer.MAX_VALUE);
    room.message(groupchat(first.jid, "remembered"));
    PreparedRecorder a = occupant("a", Integer.MAX_VALUE);
    PreparedRecorder b = occupant("b", Integer.MAX_VALUE);
    // §7.1 order for b: first's and a's presence, b's own (110), history, subject last.
    List<Stanza> got = b.received;
    assertEquals(Set.of(ROOM.withResource("first"), ROOM.withResource("a")),
        Set.of(got.get(0).from(), got.get(1).from()));
    assertEquals(ROOM.withResource("b"), got.get(2).from());
    assertTrue(MucTest.codes(got.get(2)).contains("110"));
    assertEquals("remembered", ((Message) got.get(3)).body());
    assertTrue(got.get(4).child("subject", Stanza.CLIENT_NAMESPACE) != null);
    assertEquals(5, got.size());
    // first's unchanged presence and the history message are the same preparation for a and b.
    assertSame(presenceFrom(a, "first"), presenceFrom(b, "first"),
        "first's presence prepared once");
    PreparedStanza historyForA = null;
    for (PreparedStanza p : a.prepared) {
      if (p.template() instanceof Message) {
        historyForA = p;
      }
    }
    assertSame(historyForA, b.prepared.get(b.prepared.size() - 1), "history prepared once");
  }

  private static PreparedStanza presenceFrom(PreparedRecorder s, String nick) {
    for (PreparedStanza p : s.prepared) {
      if (p.template() instanceof Presence && ROOM.withResource(nick).equals(p.template().from())) {
        return p;
      }
    }
    throw new AssertionError("no presence from " + nick + " to " + s.jid);
  }

  @Test
  void anOccupantWithAFullMailboxDoesNotStopDeliveryToTheOthers() {
    List<PreparedRecorder> before = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      before.add(occupant("early" + i, Integer.MAX_VALUE));
    }
    PreparedRecorder full = occupant("full", 0); // refuses everything, its join included
    List<PreparedRecorder> after = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      after.add(occupant("late" + i, Integer.MAX_VALUE));
    }
    int messages = 10;
    for (int i = 0; i < messages; i++) {
      room.message(groupchat(before.get(0).jid, "m" + i));
    }
    assertTrue(full.refused > messages, "the full occupant was offered and refused");
    List<PreparedRecorder> others = new ArrayList<>(before);
    others.addAll(after);
    for (PreparedRecorder s : others) {
      List<Stanza> got = messages(s);
      assertEquals(messages, got.size(), s.jid + " missed messages");
      for (int i = 0; i < messages; i++) {
        assertEquals("m" + i, ((Message) got.get(i)).body(), "in order");
      }
    }
  }
}
