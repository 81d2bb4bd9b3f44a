package io.parley.embedded.internal.transport.tcp;

import static io.parley.embedded.internal.transport.tcp.C2sHarness.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.stanza.Element;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real TLS handshake after STARTTLS through the production pipeline: afterwards the stream
 * counts as encrypted and SASL is offered, not STARTTLS again, also when the client's new stream
 * header leaves in the same flight as its TLS Finished (as TLS 1.3 clients may send it); and the
 * close at the end.
 */
class StartTlsHandshakeTest {
  @TempDir Path dataDir;

  @Test
  void headerInTheSameFlightAsFinishedGetsMechanisms() throws Exception {
    try (C2sHarness h = new C2sHarness(dataDir, true, b -> { })) {
      EmbeddedChannel server = h.connect();
      StringBuilder decrypted = new StringBuilder();
      EmbeddedChannel client = negotiate(server, decrypted);
      List<Element> features = XmlOutput.parse(decrypted.toString()).elements();
      assertEquals(1, features.size(), decrypted.toString());
      assertEquals("mechanisms", features.get(0).elements().get(0).name(), decrypted.toString());

      // Closing right after negotiation is answered with the stream end (RFC 6120 §4.4).
      decrypted.setLength(0);
      client.writeAndFlush(Unpooled.copiedBuffer("</stream:stream>", StandardCharsets.UTF_8));
      for (int round = 0; round < 5 && !decrypted.toString().contains("</stream:stream>");
          round++) {
        pass(client, server);
        pass(server, client);
      }
      assertEquals("</stream:stream>", decrypted.toString());
      client.finishAndReleaseAll();
    }
  }

  @Test
  void theClosingTagAndCloseNotifyLeaveInOneFlush() throws Exception {
    try (C2sHarness h = new C2sHarness(dataDir, true, b -> { })) {
      EmbeddedChannel server = h.connect();
      StringBuilder decrypted = new StringBuilder();
      EmbeddedChannel client = negotiate(server, decrypted);
      decrypted.setLength(0);
      List<Integer> writesPerFlush = new ArrayList<>();
      server.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
        private int writes;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
          writes++;
          ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
          writesPerFlush.add(writes);
          writes = 0;
          ctx.flush();
        }
      });

      client.writeAndFlush(Unpooled.copiedBuffer("</stream:stream>", StandardCharsets.UTF_8));
      pass(client, server);
      // One write to the socket: the closing tag's record, then the close_notify alert.
      assertEquals(List.of(2), writesPerFlush);
      assertFalse(server.isOpen());
      pass(server, client);
      assertEquals("</stream:stream>", decrypted.toString());
      SslHandler clientTls = client.pipeline().get(SslHandler.class);
      assertTrue(clientTls.sslCloseFuture().isSuccess(), "the client got close_notify");
      client.finishAndReleaseAll();
    }
  }

  /** STARTTLS and a handshake; returns the client once the server's new features have come. */
  private static EmbeddedChannel negotiate(EmbeddedChannel server, StringBuilder decrypted)
      throws Exception {
    C2sHarness.feed(server, OPEN);
    C2sHarness.read(server);
    C2sHarness.feed(server, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    assertTrue(C2sHarness.read(server).contains("proceed"));

    SslContext clientTls = SslContextBuilder.forClient()
        .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    EmbeddedChannel client = new EmbeddedChannel();
    client.pipeline().addLast(clientTls.newHandler(client.alloc(), "example.test", 5222));
    client.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
          // Send the stream restart at once: it leaves with the client's Finished.
          ctx.writeAndFlush(Unpooled.copiedBuffer(OPEN, StandardCharsets.UTF_8));
        }
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        decrypted.append(buf.toString(StandardCharsets.UTF_8));
        buf.release();
      }
    });
    // Shuttle bytes both ways, each direction's pending output as one buffer.
    for (int round = 0; round < 20 && !decrypted.toString().contains("</stream:features>");
        round++) {
      pass(client, server);
      pass(server, client);
    }
    return client;
  }

  private static void pass(EmbeddedChannel from, EmbeddedChannel to) {
    from.runPendingTasks();
    CompositeByteBuf all = Unpooled.compositeBuffer();
    Object o;
    while ((o = from.readOutbound()) != null) {
      all.addComponent(true, (ByteBuf) o);
    }
    if (all.isReadable()) {
      to.writeInbound(all);
    } else {
      all.release();
    }
    to.runPendingTasks();
  }
}
