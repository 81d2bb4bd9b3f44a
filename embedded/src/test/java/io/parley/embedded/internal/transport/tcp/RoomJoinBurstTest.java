package io.parley.embedded.internal.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XEP-0045 §7.1 entering a room with more occupants than the newcomer's mailbox holds: the join
 * burst (every occupant's presence, the newcomer's own, the subject) is one mailbox entry, so
 * none of it is refused. Byte level: the newcomer's event loop does not drain while the room
 * offers, as under load.
 */
class RoomJoinBurstTest {
  private static final String MUC = "http://jabber.org/protocol/muc";
  private static final String USER = MUC + "#user";
  private static final Jid ROOM = Jid.of("big@conference.example.test");
  private static final int CAPACITY = 64;
  private static final int OCCUPANTS = CAPACITY + 100;

  @TempDir Path dataDir;
  C2sHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  private static boolean selfPresence(Stanza s) {
    Element x = s.child("x", USER);
    return x != null && x.elements().stream().anyMatch(e -> e.name().equals("status")
        && "110".equals(e.attribute("code")));
  }

  @Test
  void aNewcomerGetsEveryOccupantThenItselfThenTheSubject() throws Exception {
    harness = new C2sHarness(dataDir, false, b -> b.mailboxCapacity(CAPACITY));
    harness.parley.start();
    Set<String> nicks = new HashSet<>();
    for (int i = 0; i < OCCUPANTS; i++) {
      String nick = "user" + i;
      TestClient c = new TestClient(harness.parley, nick + "@example.test/r").available(0);
      // Without the MUC <x/>: the first one gets an instant, unlocked room.
      c.session.send(new Presence(ROOM.withResource(nick), null, null, Presence.Type.AVAILABLE,
          null, List.of()));
      c.next(s -> ROOM.withResource(nick).equals(s.from()) && selfPresence(s));
      nicks.add(nick);
    }
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    C2sHarness.feed(juliet, "<presence to='big@conference.example.test/juliet'>"
        + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
    List<Element> got = C2sHarness.readElements(juliet);
    List<String> others = new ArrayList<>();
    int i = 0;
    while (i < got.size() && got.get(i).name().equals("presence")
        && !got.get(i).attribute("from").endsWith("/juliet")) {
      others.add(Jid.of(got.get(i).attribute("from")).resource());
      i++;
    }
    assertEquals(OCCUPANTS, others.size(), "every occupant's presence reached the newcomer");
    assertEquals(nicks, new HashSet<>(others));
    Element self = got.get(i);
    assertEquals("big@conference.example.test/juliet", self.attribute("from"));
    assertTrue(self.child("x", USER).toString().contains("110"), self::toString);
    Element subject = got.get(i + 1);
    assertEquals("message", subject.name());
    assertEquals("subject", subject.elements().get(0).name(), subject::toString);
    assertEquals(i + 2, got.size(), "nothing else");
    assertFalse(juliet.finish());
  }
}
