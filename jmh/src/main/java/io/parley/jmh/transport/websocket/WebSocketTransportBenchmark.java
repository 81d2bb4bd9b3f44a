package io.parley.jmh.transport.websocket;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.Parley;
import java.nio.file.Files;
import java.util.concurrent.Semaphore;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * XMPP over WebSocket (RFC 7395) against plain TCP on loopback, with raw clients on both sides
 * of one server: {@code throughput} sends a window of chat messages from one client to the other
 * and waits until all arrived (messages delivered per second); {@code roundTrip} sends one
 * message and waits for the peer's echo (two hops through the server, in microseconds).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar WebSocketTransportBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class WebSocketTransportBenchmark {
  static final int WINDOW = 200;
  private static final String PASSWORD = "pw";

  /** Both clients of a run use this transport. */
  public enum Transport { TCP, WEBSOCKET }

  @Param({"TCP", "WEBSOCKET"})
  Transport transport;

  private Parley parley;
  private XmppTestClient sender;
  private XmppTestClient receiver;
  private final Semaphore delivered = new Semaphore(0);
  // Not a SynchronousQueue: an echo may arrive before the benchmark thread polls.
  private final LinkedBlockingQueue<Boolean> echoes = new LinkedBlockingQueue<>();
  private volatile boolean echo;

  @Setup(Level.Trial)
  public void start() throws Exception {
    parley = Parley.builder()
        .domain("localhost")
        .bindAddress("127.0.0.1")
        .tcpPort(0)
        .directTlsPort(-1)
        .httpPort(0)
        .tlsRequired(false)
        .dataDirectory(Files.createTempDirectory("parley-bench"))
        .credentials(new InMemoryCredentialStore().addUser("a", PASSWORD).addUser("b", PASSWORD))
        .build()
        .start();
    sender = client();
    receiver = client();
    receiver.login("b", PASSWORD, e -> {
      if (!e.name().equals("message")) {
        return;
      }
      if (echo) {
        try {
          receiver.send("<message xmlns='jabber:client' to='a@localhost/bench' type='chat'>"
              + "<body>pong</body></message>");
        } catch (Exception ex) {
          throw new IllegalStateException(ex);
        }
      } else {
        delivered.release();
      }
    });
    sender.login("a", PASSWORD, e -> {
      if (e.name().equals("message")) {
        echoes.offer(Boolean.TRUE);
      }
    });
  }

  private XmppTestClient client() throws Exception {
    return transport == Transport.TCP
        ? new XmppTestClient.Tcp(parley.tcpPort())
        : new XmppTestClient.Ws(parley.httpPort());
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    sender.close();
    receiver.close();
    parley.close();
  }

  private static final String MESSAGE = "<message xmlns='jabber:client' to='b@localhost/bench'"
      + " type='chat'><body>Hello over the wire, a typical short chat message.</body></message>";

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(WINDOW)
  public void throughput() throws Exception {
    echo = false;
    for (int i = 0; i < WINDOW; i++) {
      sender.send(MESSAGE);
    }
    if (!delivered.tryAcquire(WINDOW, 30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("messages lost");
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void roundTrip() throws Exception {
    echo = true;
    sender.send(MESSAGE);
    if (echoes.poll(30, TimeUnit.SECONDS) == null) {
      throw new IllegalStateException("no echo");
    }
  }
}
