package io.parley.embedded.internal.transport.tcp;

import static io.parley.embedded.internal.transport.tcp.C2sHarness.assertStreamError;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.feed;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 6120 §4.6: whitespace keepalives out, and the idle timeout for silent peers. */
class KeepaliveTest {
  @TempDir Path dataDir;

  private C2sHarness harness() {
    return new C2sHarness(dataDir, false, b -> b.idleTimeout(Duration.ofSeconds(30))
        .keepaliveInterval(Duration.ofSeconds(10)));
  }

  @Test
  void silentPeerGetsConnectionTimeout() {
    try (C2sHarness h = harness()) {
      EmbeddedChannel ch = h.bound("juliet@example.test/balcony", "r0meo");
      read(ch);
      ch.advanceTimeBy(31, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
      String out = read(ch).strip(); // whitespace keepalives may come first
      assertTrue(out.contains("connection-timeout"), out);
      assertTrue(!ch.isOpen());
    }
  }

  @Test
  void whitespaceFromThePeerKeepsTheStreamAlive() {
    try (C2sHarness h = harness()) {
      EmbeddedChannel ch = h.bound("juliet@example.test/balcony", "r0meo");
      read(ch);
      for (int i = 0; i < 5; i++) {
        ch.advanceTimeBy(20, TimeUnit.SECONDS);
        feed(ch, " ");
        ch.runScheduledPendingTasks();
      }
      assertTrue(ch.isOpen(), "100 s of whitespace pings every 20 s keep a 30 s timeout away");
    }
  }

  @Test
  void quietServerSendsWhitespaceKeepalive() {
    try (C2sHarness h = harness()) {
      EmbeddedChannel ch = h.bound("juliet@example.test/balcony", "r0meo");
      read(ch);
      ch.advanceTimeBy(11, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
      assertEquals(" ", read(ch));
    }
  }

  @Test
  void idleBeforeAuthenticationAlsoTimesOut() {
    try (C2sHarness h = harness()) {
      EmbeddedChannel ch = h.connect();
      feed(ch, C2sHarness.OPEN);
      read(ch);
      ch.advanceTimeBy(31, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
      assertStreamError(ch, "connection-timeout");
    }
  }
}
