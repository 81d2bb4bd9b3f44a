package io.parley.jmh.muc;

import io.parley.embedded.InProcessSession;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * One user enters a room of {@code occupants} (XEP-0045 §7.2) and leaves again: the operation
 * ends when the newcomer has its self-presence (after every occupant's presence) and every
 * occupant has been told, then the newcomer leaves (everyone told again). Time per join+leave.
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar RoomJoin -f 1 -wi 2 -i 3 -w 2s -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class RoomJoinBenchmark {
  @Param({"400", "5000"})
  int occupants;

  private static final Jid NEWCOMER = RoomBenchmark.ROOM.withResource("newcomer");

  private RoomBenchmark room;
  private InProcessSession newcomer;
  private final LongAdder self = new LongAdder();
  private long expected;
  private int n;

  @Setup(Level.Trial)
  public void start() {
    room = new RoomBenchmark(occupants);
    Jid jid = Jid.of("newcomer@" + RoomBenchmark.DOMAIN + "/r");
    newcomer = room.parley.openSession(jid, this::receive);
    newcomer.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of()));
  }

  @TearDown(Level.Trial)
  public void stop() {
    room.parley.close();
  }

  @Benchmark
  public void joinAndLeave() {
    String nick = "newcomer";
    expected++;
    newcomer.send(RoomBenchmark.join(nick, "j" + n++));
    RoomBenchmark.await(self, expected);
    expected++;
    newcomer.send(new Presence(RoomBenchmark.ROOM.withResource(nick), null, "l" + n,
        Presence.Type.UNAVAILABLE, null, List.of()));
    RoomBenchmark.await(self, expected);
  }

  private void receive(Stanza stanza) {
    if (stanza instanceof Presence p && NEWCOMER.equals(p.from()) && RoomBenchmark.isSelf(p)) {
      self.increment();
    }
  }
}
