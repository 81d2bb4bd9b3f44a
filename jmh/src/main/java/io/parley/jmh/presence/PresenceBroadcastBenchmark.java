package io.parley.jmh.presence;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Presence fan-out (RFC 6121 §4.4.2): one user whose contacts (subscription both, from the host's
 * roster provider) are all online as in-process sessions changes presence; an operation ends when
 * every contact's receiver got the change. The score is broadcasts per second; {@code -prof gc}
 * gives the allocation per broadcast (routing, one stanza per contact, mailbox hops, receivers).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar PresenceBroadcast -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class PresenceBroadcastBenchmark {
  private static final String DOMAIN = "bench.test";
  private static final Jid STAR = Jid.of("star@" + DOMAIN);
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  @Param({"1000", "10000"})
  int contacts;

  private Parley parley;
  private InProcessSession star;
  private final List<InProcessSession> sessions = new ArrayList<>();
  private final LongAdder received = new LongAdder();
  private Jid starResource;
  private Presence away;
  private Presence chat;
  private long expected;
  private boolean flip;

  @Setup(Level.Trial)
  public void start() {
    List<RosterItem> starRoster = new ArrayList<>();
    for (int i = 0; i < contacts; i++) {
      starRoster.add(both(contact(i)));
    }
    List<RosterItem> contactRoster = List.of(both(STAR));
    List<RosterItem> frozen = List.copyOf(starRoster);
    parley = Parley.builder()
        .domain(DOMAIN)
        .tcpPort(-1)
        .directTlsPort(-1)
        // The star's login brings one presence per contact: keep them all.
        .mailboxCapacity(2 * contacts)
        .rosterProvider(user -> user.equals(STAR) ? frozen : contactRoster)
        // Measures routing, not storage.
        .inMemoryStorage()
        .build()
        .start();
    starResource = STAR.withResource("stage");
    Presence available = new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of());
    for (int i = 0; i < contacts; i++) {
      InProcessSession s = parley.openSession(contact(i).withResource("seat"), this::receive);
      s.send(available);
      sessions.add(s);
    }
    star = parley.openSession(starResource, stanza -> { });
    expected = contacts;
    star.send(available);
    await();
    away = show("away");
    chat = show("chat");
  }

  @TearDown(Level.Trial)
  public void stop() {
    parley.close();
  }

  @Benchmark
  public void broadcast() {
    flip = !flip;
    expected += contacts;
    star.send(flip ? away : chat);
    await();
  }

  private void receive(Stanza stanza) {
    if (stanza instanceof Presence p && starResource.equals(p.from())) {
      received.increment();
    }
  }

  private void await() {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (received.sum() < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + received.sum() + " of " + expected
            + " presences arrived");
      }
      LockSupport.parkNanos(10_000);
    }
  }

  private static Presence show(String show) {
    return new Presence(null, null, null, Presence.Type.AVAILABLE, null,
        List.of(Element.builder("show", Stanza.CLIENT_NAMESPACE).text(show).build()));
  }

  private static Jid contact(int i) {
    return Jid.of("c" + i + "@" + DOMAIN);
  }

  private static RosterItem both(Jid jid) {
    return new RosterItem(jid, null, Subscription.BOTH, false, false, Set.of());
  }
}
