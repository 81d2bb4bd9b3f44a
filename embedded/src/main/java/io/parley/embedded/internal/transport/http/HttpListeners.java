package io.parley.embedded.internal.transport.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.stream.C2sStreams;
import io.parley.embedded.internal.tls.TlsContexts;
import io.parley.embedded.internal.transport.bosh.BoshSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listeners (plain, conventionally 5280, and TLS, conventionally 5281): XMPP over
 * WebSocket and XEP-0156 host-meta, with the same session core, router and limits as TCP.
 */
@Singleton
public final class HttpListeners {
  private static final Logger log = LoggerFactory.getLogger(HttpListeners.class);

  private final ServerConfig config;
  private final HttpSite site;
  private final List<Channel> servers = new ArrayList<>();
  private EventLoopGroup group;
  private int httpPort = -1;
  private int httpsPort = -1;

  @Inject
  HttpListeners(ServerConfig config, C2sStreams streams, BoshSessions bosh) {
    this.config = config;
    this.site = new HttpSite(config, streams, bosh);
  }

  // Reference counted with BoringSSL: released when the listeners stop (each engine holds it too).
  private SslContext tls;

  /** Binds the configured listeners; the bound ports are then known. */
  public synchronized void start() {
    if (config.httpPort() < 0 && config.httpsPort() < 0) {
      return;
    }
    tls = config.httpsPort() < 0 ? null : TlsContexts.serverContext(config.tlsKey(),
        config.tlsCertificate(), config.dataDirectory(), config.domain().domain(),
        config.nativeTls(), config.tlsSessionTickets());
    boolean epoll = Epoll.isAvailable();
    group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(),
        new DefaultThreadFactory("parley-http", true),
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Class<? extends ServerChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    try {
      if (config.httpPort() >= 0) {
        httpPort = bind(channelType, config.httpPort(), null);
      }
      if (config.httpsPort() >= 0) {
        httpsPort = bind(channelType, config.httpsPort(), tls);
      }
    } catch (RuntimeException e) {
      stop(Duration.ZERO);
      throw e;
    }
    site.boundPorts(httpPort, httpsPort);
    log.info("HTTP on {} (http {}, https {}, WebSocket at {}, BOSH at {})", config.bindAddress(),
        httpPort, httpsPort, config.webSocketPath(), config.boshPath());
  }

  private int bind(Class<? extends ServerChannel> channelType, int port, SslContext tls) {
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
            config.writeBufferHighWaterMark() / 2, config.writeBufferHighWaterMark()))
        .childHandler(new HttpChannelInitializer(site, tls));
    try {
      Channel server = b.bind(new InetSocketAddress(config.bindAddress(), port)).sync().channel();
      servers.add(server);
      return ((InetSocketAddress) server.localAddress()).getPort();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding port " + port, e);
    } catch (Exception e) {
      throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + port,
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  public int httpPort() {
    return httpPort;
  }

  public int httpsPort() {
    return httpsPort;
  }

  /** Open WebSocket streams, authenticated or not. */
  public int webSocketConnections() {
    return site.openStreams().size();
  }

  /** Open BOSH sessions, authenticated or not. */
  public int boshSessions() {
    return site.bosh().size();
  }

  /** Stops accepting, ends every stream with {@code system-shutdown}, and stops the threads. */
  public synchronized void stop(Duration grace) {
    for (Channel server : servers) {
      server.close().awaitUninterruptibly(Math.max(100, grace.toMillis()));
    }
    servers.clear();
    site.openStreams().shutdown(grace);
    site.bosh().shutdown(grace);
    if (group != null) {
      group.shutdownGracefully(0, Math.max(100, grace.toMillis()), TimeUnit.MILLISECONDS)
          .awaitUninterruptibly(2 * Math.max(100, grace.toMillis()));
      group = null;
    }
    ReferenceCountUtil.release(tls);
    tls = null;
  }
}
