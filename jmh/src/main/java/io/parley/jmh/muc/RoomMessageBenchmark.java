package io.parley.jmh.muc;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * One occupant sends a groupchat message to a room of {@code occupants} (XEP-0045 §7.4); the
 * operation ends when every occupant's receiver has it. Messages delivered per second is the
 * score times {@code occupants}; {@code -prof gc}'s {@code gc.alloc.rate.norm} divided by
 * {@code occupants} is the bytes allocated per delivered message (routing, the per-recipient
 * stanza, the mailbox hop and the in-process receiver).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar RoomMessage -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class RoomMessageBenchmark {
  @Param({"1000"})
  int occupants;

  private RoomBenchmark room;
  private Message message;
  private long expected;

  @Setup(Level.Trial)
  public void start() {
    room = new RoomBenchmark(occupants);
    message = new Message(RoomBenchmark.ROOM, null, "m", Message.Type.GROUPCHAT, null,
        List.of(Element.builder("body", Stanza.CLIENT_NAMESPACE).text("hello room").build()));
  }

  @TearDown(Level.Trial)
  public void stop() {
    room.parley.close();
  }

  @Benchmark
  public void broadcast() {
    expected += occupants;
    room.occupants.get(0).send(message);
    RoomBenchmark.await(room.messages, expected);
  }
}
