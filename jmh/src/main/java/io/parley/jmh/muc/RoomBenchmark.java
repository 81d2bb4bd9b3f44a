package io.parley.jmh.muc;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A room of in-process occupants (XEP-0045) for the group chat benchmarks. Occupants enter while
 * only moderators' presence is broadcast (so setting up 5,000 occupants is not 12.5 million
 * presence deliveries), then the room broadcasts every role's presence as usual.
 */
final class RoomBenchmark {
  static final String DOMAIN = "bench.test";
  static final Jid ROOM = Jid.of("hall@conference." + DOMAIN);
  static final String MUC = "http://jabber.org/protocol/muc";
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

  final Parley parley;
  final List<InProcessSession> occupants = new ArrayList<>();
  final LongAdder messages = new LongAdder();
  final LongAdder selfPresences = new LongAdder();
  private volatile boolean settingUp = true;

  RoomBenchmark(int size) {
    parley = Parley.builder().domain(DOMAIN).tcpPort(-1).directTlsPort(-1)
        // A newcomer gets one presence per occupant before its own: room for all of them.
        .mailboxCapacity(2 * size + 1024)
        .build().start();
    parley.groupChat().createRoom(ROOM,
        Map.of("muc#roomconfig_presencebroadcast", List.of("moderator")), Map.of());
    Presence available = new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of());
    for (int i = 0; i < size; i++) {
      InProcessSession s = parley.openSession(Jid.of("u" + i + "@" + DOMAIN + "/r"),
          this::receive);
      s.send(available);
      s.send(join("u" + i, null));
      occupants.add(s);
    }
    await(selfPresences, size);
    settingUp = false;
    parley.groupChat().configure(ROOM, Map.of("muc#roomconfig_presencebroadcast",
        List.of("moderator", "participant", "visitor")));
  }

  private void receive(Stanza stanza) {
    if (stanza instanceof Message m && m.body() != null) {
      messages.increment();
    } else if (settingUp && stanza instanceof Presence p && isSelf(p)) {
      selfPresences.increment();
    }
  }

  static boolean isSelf(Presence p) {
    Element x = p.child("x", MUC + "#user");
    if (x == null) {
      return false;
    }
    for (Element status : x.elements()) {
      if ("110".equals(status.attribute("code"))) {
        return true;
      }
    }
    return false;
  }

  static Presence join(String nick, String id) {
    return new Presence(ROOM.withResource(nick), null, id, Presence.Type.AVAILABLE, null,
        List.of(Element.builder("x", MUC).child(Element.builder("history", MUC)
            .attribute("maxstanzas", "0").build()).build()));
  }

  static void await(LongAdder counter, long expected) {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (counter.sum() < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + counter.sum() + " of " + expected + " arrived");
      }
      LockSupport.parkNanos(10_000);
    }
  }
}
