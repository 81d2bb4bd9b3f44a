package io.parley.embedded.internal.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.embedded.InProcessSession;
import io.parley.spi.event.PresenceEvent;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 6121 §4.5.2: a connection that drops is unavailable to contacts and to the host. */
class DroppedConnectionPresenceTest {
  @TempDir Path dataDir;
  private C2sHarness harness;

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void cutConnectionIsBroadcastUnavailableAndReportedToTheHost() {
    List<PresenceEvent> heard = new CopyOnWriteArrayList<>();
    harness = new C2sHarness(dataDir, false, b -> b.presenceListener(heard::add)
        .rosterProvider(user -> List.of(new RosterItem(
            user.local().equals("romeo") ? Jid.of("juliet@example.test")
                : Jid.of("romeo@example.test"), null, Subscription.BOTH, false, false,
            Set.of()))));
    harness.parley.start();
    List<Stanza> romeoInbox = new CopyOnWriteArrayList<>();
    InProcessSession romeo = harness.parley.openSession(Jid.of("romeo@example.test/orchard"),
        romeoInbox::add);
    romeo.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of()));

    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    juliet.close();
    juliet.runPendingTasks();

    List<String> fromJuliet = romeoInbox.stream()
        .filter(s -> s instanceof Presence p && p.from().asBare().equals(
            Jid.of("juliet@example.test")))
        .map(s -> ((Presence) s).type().wireName())
        .toList();
    assertEquals(List.of("available", "unavailable"), fromJuliet);
    List<String> julietEvents = heard.stream()
        .filter(e -> e.jid().equals(Jid.of("juliet@example.test/balcony")))
        .map(e -> e.available() ? "available" : "unavailable")
        .toList();
    assertEquals(List.of("available", "unavailable"), julietEvents);
  }
}
