package io.parley.embedded.internal.transport.http;

import static io.parley.embedded.internal.transport.http.WebSocketHarness.OPEN;
import static io.parley.embedded.internal.transport.http.WebSocketHarness.frames;
import static io.parley.embedded.internal.transport.http.WebSocketHarness.messages;
import static io.parley.embedded.internal.transport.http.WebSocketHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.parley.spi.stanza.Element;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 7395 §3.7: WebSocket pings instead of whitespace keepalives, and the idle timeout. */
class WebSocketKeepaliveTest {
  @TempDir Path dataDir;

  private WebSocketHarness harness() {
    return new WebSocketHarness(dataDir, b -> b.idleTimeout(Duration.ofSeconds(30))
        .keepaliveInterval(Duration.ofSeconds(10)));
  }

  @Test
  void outputSilenceSendsAPingFrameNotWhitespace() {
    try (WebSocketHarness harness = harness()) {
      EmbeddedChannel ch = harness.upgraded();
      send(ch, OPEN);
      messages(ch);
      ch.advanceTimeBy(11, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
      List<WebSocketFrame> out = frames(ch);
      assertEquals(1, out.size(), out.toString());
      assertTrue(out.get(0) instanceof PingWebSocketFrame, out.toString());
      out.forEach(WebSocketFrame::release);
    }
  }

  @Test
  void inputSilenceEndsTheStreamWithConnectionTimeout() {
    try (WebSocketHarness harness = harness()) {
      EmbeddedChannel ch = harness.upgraded();
      send(ch, OPEN);
      messages(ch);
      ch.advanceTimeBy(31, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
      List<Element> texts = new java.util.ArrayList<>();
      CloseWebSocketFrame close = null;
      for (WebSocketFrame f : frames(ch)) {
        if (f instanceof TextWebSocketFrame t) {
          texts.add(WebSocketHarness.parseMessage(t.text()));
          t.release();
        } else if (f instanceof CloseWebSocketFrame c) {
          close = c;
        }
      }
      assertEquals("connection-timeout", texts.get(texts.size() - 2).elements().get(0).name(),
          texts.toString());
      assertEquals("close", texts.get(texts.size() - 1).name());
      assertEquals(1000, close.statusCode());
      close.release();
      assertFalse(ch.isOpen());
    }
  }
}
