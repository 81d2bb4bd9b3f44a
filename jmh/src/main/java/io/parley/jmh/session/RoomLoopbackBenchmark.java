package io.parley.jmh.session;

import io.parley.embedded.GroupChat;
import io.parley.embedded.Parley;
import io.parley.spi.stanza.Jid;
import java.lang.management.ManagementFactory;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A group chat room (XEP-0045) whose N occupants are real TCP client connections on loopback
 * (the {@link FanOutLoopbackBenchmark} client: one SCRAM credential for all, plain TCP, one NIO
 * thread counting {@code </message>}): the room posts R messages, each delivered to every
 * occupant through the serialize-once fan-out engine. Prints the messages delivered per second
 * (post to last byte received, all R rounds) and the bytes the whole JVM allocated per delivered
 * message (room, mailbox hop, network write; the counting reader allocates nothing).
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.parley.jmh.session.RoomLoopbackBenchmark 1000 20 64
 * </pre>
 * Arguments: occupants (default 1000; two file descriptors each), rounds (20), body bytes (64).
 * Not a JMH benchmark: its unit is one room message to N sockets, timed end to end.
 */
public final class RoomLoopbackBenchmark {
  private static final String DOMAIN = "bench.test";
  private static final Jid ROOM = Jid.of("bench@conference." + DOMAIN);

  private RoomLoopbackBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int body = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    Path data = Files.createTempDirectory("parley-room-loopback");
    // Room archives in memory: the database's append per message is not what is measured.
    try (Parley parley = Parley.builder().domain(DOMAIN).tcpPort(0).directTlsPort(-1)
        .tlsRequired(false).dataDirectory(data).inMemoryStorage().bindAddress("127.0.0.1")
        .credentials(FanOutLoopbackBenchmark.sameCredentialForAll())
        .build().start()) {
      GroupChat rooms = parley.groupChat();
      rooms.createRoom(ROOM, Map.of("muc#roomconfig_persistentroom", List.of("1"),
          "muc#maxhistoryfetch", List.of("0")), Map.of());
      FanOutLoopbackBenchmark.Scram scram = new FanOutLoopbackBenchmark.Scram();
      List<SocketChannel> channels = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        channels.add(FanOutLoopbackBenchmark.login(parley.tcpPort(), String.format("u%06d", i),
            scram));
      }
      FanOutLoopbackBenchmark.Counter counter = new FanOutLoopbackBenchmark.Counter(channels);
      Thread reader = new Thread(counter, "loopback-reader");
      reader.setDaemon(true);
      reader.start();
      // Each join ends with the subject message (§7.2.15): n of them when everyone is in.
      for (int i = 0; i < n; i++) {
        FanOutLoopbackBenchmark.send(channels.get(i), "<presence to='" + ROOM + "/"
            + String.format("u%06d", i) + "'><x xmlns='http://jabber.org/protocol/muc'>"
            + "<history maxstanzas='0'/></x></presence>");
      }
      await(counter, n);
      String text = "x".repeat(body);
      runRounds(rooms, text, counter, n, 5); // warm-up
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long allocatedBefore = FanOutLoopbackBenchmark.allocated(threads);
      long start = System.nanoTime();
      runRounds(rooms, text, counter, n, rounds);
      long took = System.nanoTime() - start;
      long allocated = FanOutLoopbackBenchmark.allocated(threads) - allocatedBefore;
      System.out.printf("occupants=%d rounds=%d body=%dB: %.0f messages delivered/s, "
          + "%.1f bytes allocated per delivered message (whole JVM)%n",
          n, rounds, body, (double) n * rounds / (took / 1e9),
          (double) allocated / ((long) n * rounds));
      counter.stop();
      for (SocketChannel c : channels) {
        c.close();
      }
    }
  }

  private static void runRounds(GroupChat rooms, String text,
      FanOutLoopbackBenchmark.Counter counter, int n, int rounds) {
    for (int r = 0; r < rounds; r++) {
      long target = counter.messages.get() + n;
      rooms.post(ROOM, text);
      await(counter, target);
    }
  }

  private static void await(FanOutLoopbackBenchmark.Counter counter, long target) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (counter.messages.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + counter.messages.get() + " of " + target);
      }
      Thread.onSpinWait();
    }
  }
}
