package io.parley.embedded.internal.transport.tcp;

import static io.parley.embedded.internal.transport.tcp.C2sHarness.feed;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.read;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.spi.handler.StanzaInterceptor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client sending faster than the host's (possibly blocking) interceptors consume is not
 * buffered without bound: the connection stops being read until the queued stanzas are done.
 */
class InboundBackpressureTest {
  @TempDir Path dataDir;

  @Test
  void slowHostInterceptorsPauseReadingUntilTheyCatchUp() {
    ParkingExecutor pool = new ParkingExecutor();
    StanzaInterceptor host = new StanzaInterceptor() { };
    try (C2sHarness h = new C2sHarness(dataDir, false, b -> b
        .mailboxCapacity(16)
        .interceptor(host)
        .blockingExecutor(pool))) {
      EmbeddedChannel ch = h.bound("juliet@example.test/balcony", "r0meo");
      read(ch);
      pool.inline = false; // the host's pool is busy: nothing runs until the test says so
      for (int i = 0; i < 15; i++) {
        feed(ch, "<message to='romeo@example.test'><body>" + i + "</body></message>");
      }
      assertTrue(ch.config().isAutoRead(), "below the bound: still reading");
      feed(ch, "<message to='romeo@example.test'><body>15</body></message>");
      assertFalse(ch.config().isAutoRead(), "at the bound: reading paused");

      pool.inline = true;
      pool.runParked();
      ch.runPendingTasks();
      assertTrue(ch.config().isAutoRead(), "caught up: reading resumed");
    }
  }
}
