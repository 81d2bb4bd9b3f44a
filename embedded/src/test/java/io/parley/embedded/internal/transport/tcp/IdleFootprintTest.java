package io.parley.embedded.internal.transport.tcp;

import static io.parley.embedded.internal.transport.tcp.C2sHarness.feed;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.read;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an idle connection keeps (issue 8's idle budget): no parser reader between stanzas, no
 * IdleStateHandler, and the small BoringSSL non-application buffer.
 */
class IdleFootprintTest {
  @TempDir Path dataDir;

  @Test
  void boundIdleConnectionHoldsNoParserReader() {
    try (C2sHarness h = new C2sHarness(dataDir)) {
      EmbeddedChannel ch = h.bound("juliet@example.test/balcony", "r0meo");
      read(ch);
      C2sChannelHandler handler = ch.pipeline().get(C2sChannelHandler.class);
      assertFalse(handler.parserHoldsReader(), "between stanzas");
      feed(ch, "<presence><show>aw", 4096);
      assertTrue(handler.parserHoldsReader(), "inside a stanza");
      feed(ch, "ay</show></presence>", 4096);
      assertFalse(handler.parserHoldsReader(), "after the stanza");
      assertTrue(read(ch).contains("<show>away</show>"), "the presence came back to the sender");
      assertNull(ch.pipeline().get(IdleStateHandler.class));
    }
  }
}
