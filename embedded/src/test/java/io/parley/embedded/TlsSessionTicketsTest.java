package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.internal.tcnative.SSL;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's {@code tlsSessionTickets} reaches both TLS listeners: a BoringSSL client that
 * keeps its sessions, as browsers and mobile clients do, resumes its second connection only when
 * the server sent it a ticket on the first.
 */
class TlsSessionTicketsTest {
  private static final String STREAM = "<?xml version='1.0'?><stream:stream to='localhost'"
      + " version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
  private static final String GET =
      "GET /.well-known/host-meta HTTP/1.1\r\nHost: localhost\r\n\r\n";

  @TempDir Path dataDir;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
      NioIoHandler.newFactory());

  @AfterEach
  void stopClients() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private Parley.Builder builder() {
    return Parley.builder().bindAddress("127.0.0.1").tcpPort(-1).directTlsPort(0).httpsPort(0)
        .dataDirectory(dataDir);
  }

  @Test
  void noTicketsByDefaultOnEitherListener() throws Exception {
    try (Parley parley = builder().build().start()) {
      assertFalse(secondConnectionResumes(parley.directTlsPort(), STREAM), "direct TLS");
      assertFalse(secondConnectionResumes(parley.httpsPort(), GET), "HTTPS");
    }
  }

  @Test
  void ticketsWhenTheHostAsks() throws Exception {
    try (Parley parley = builder().tlsSessionTickets(true).build().start()) {
      assertTrue(secondConnectionResumes(parley.directTlsPort(), STREAM), "direct TLS");
      assertTrue(secondConnectionResumes(parley.httpsPort(), GET), "HTTPS");
    }
  }

  private boolean secondConnectionResumes(int port, String request) throws Exception {
    SslContext client = SslContextBuilder.forClient()
        .sslProvider(SslProvider.OPENSSL_REFCNT)
        .trustManager(dataDir.resolve("tls").resolve("cert.pem").toFile())
        .protocols("TLSv1.3")
        .build();
    try {
      assertFalse(connectAndTellWhetherResumed(client, port, request), "first connection");
      return connectAndTellWhetherResumed(client, port, request);
    } finally {
      ReferenceCountUtil.release(client);
    }
  }

  /**
   * Handshakes, sends {@code request} and waits for the first bytes of the reply: the server
   * sends any ticket right after the handshake, so by then the client has it.
   */
  private boolean connectAndTellWhetherResumed(SslContext client, int port, String request)
      throws Exception {
    CompletableFuture<Boolean> resumed = new CompletableFuture<>();
    Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            SslHandler ssl = client.newHandler(ch.alloc(), "localhost", port);
            ch.pipeline().addLast(ssl, new ChannelInboundHandlerAdapter() {
              @Override
              public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                if (event instanceof SslHandshakeCompletionEvent done) {
                  if (done.isSuccess()) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
                  } else {
                    resumed.completeExceptionally(done.cause());
                  }
                }
              }

              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                resumed.complete(SSL.isSessionReused(
                    ((ReferenceCountedOpenSslEngine) ssl.engine()).sslPointer()));
                ctx.close();
              }
            });
          }
        })
        .connect("127.0.0.1", port).sync().channel();
    try {
      return resumed.get(10, TimeUnit.SECONDS);
    } finally {
      channel.close().sync();
    }
  }
}
