package io.parley.embedded.internal.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.Parley;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.testing.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-loop connection lists: every connection is swept, and leaves its list when closed. */
class OpenConnectionsTest {
  @TempDir Path dataDir;

  @Test
  void theSweepPeriodIsAQuarterOfTheShorterTimeoutWithinBounds() {
    long ms = TimeUnit.MILLISECONDS.toNanos(1);
    assertEquals(100 * ms, OpenConnections.sweepNanos(
        new C2sChannelHandler.Timeouts(400 * ms, 60_000 * ms)));
    assertEquals(OpenConnections.MAX_SWEEP_NANOS, OpenConnections.sweepNanos(
        new C2sChannelHandler.Timeouts(300_000 * ms, 60_000 * ms)));
    assertEquals(OpenConnections.MIN_SWEEP_NANOS, OpenConnections.sweepNanos(
        new C2sChannelHandler.Timeouts(ms, 60_000 * ms)));
    assertEquals(0, OpenConnections.sweepNanos(new C2sChannelHandler.Timeouts(0, 0)));
  }

  @Test
  void theListVisitsEveryConnectionWhileTheVisitedOneIsUnlinked() {
    OpenConnections.Loop list = new OpenConnections.Loop(null, 0);
    List<C2sChannelHandler> handlers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      handlers.add(handler());
      list.link(handlers.get(i));
    }
    list.unlink(handlers.get(4)); // the head
    list.unlink(handlers.get(2)); // an inner one
    List<C2sChannelHandler> visited = new ArrayList<>();
    list.forEach(c -> {
      visited.add(c);
      list.unlink(c); // as a connection closed by its own idle check
    });
    assertEquals(List.of(handlers.get(3), handlers.get(1), handlers.get(0)), visited);
    List<C2sChannelHandler> left = new ArrayList<>();
    list.forEach(left::add);
    assertEquals(List.of(), left);
    list.link(handlers.get(2));
    list.forEach(left::add);
    assertEquals(List.of(handlers.get(2)), left);
  }

  private static C2sChannelHandler handler() {
    return new C2sChannelHandler(null, null, null, false,
        new OpenConnections(new C2sChannelHandler.Timeouts(0, 0)));
  }

  @Test
  @Tag("e2e")
  void silentConnectionsAllTimeOutWhileOthersCloseAroundThem() throws Exception {
    // One event loop, so every connection is in one list; closing the first and a middle one
    // unlinks the head and an inner node before the sweep that times the rest out.
    Parley parley = Parley.builder().domain("localhost").bindAddress("127.0.0.1")
        .tcpPort(0).directTlsPort(-1).tlsRequired(false).eventLoopThreads(1)
        .idleTimeout(Duration.ofMillis(400)).keepaliveInterval(Duration.ofMinutes(1))
        .dataDirectory(dataDir).inMemoryStorage()
        .credentials(new InMemoryCredentialStore())
        .build().start();
    TcpListeners listeners = ParleyTestAccess.component(parley).tcpListeners();
    List<RawClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        RawClient c = RawClient.connect(parley.tcpPort()).send(RawClient.OPEN);
        c.readUntil(s -> s.contains("</stream:features>"), Duration.ofSeconds(10));
        clients.add(c);
      }
      assertEquals(6, listeners.connections());
      clients.remove(5).close(); // the list's head: the newest is linked first
      clients.remove(2).close();
      for (RawClient c : clients) {
        String out = c.readUntil(s -> s.contains("</stream:stream>"), Duration.ofSeconds(10));
        assertTrue(out.contains("<connection-timeout"), out);
        assertTrue(c.closedByServer(Duration.ofSeconds(10)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (listeners.connections() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, listeners.connections());
    } finally {
      for (RawClient c : clients) {
        c.close();
      }
      parley.close();
    }
  }
}
