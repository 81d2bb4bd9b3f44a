package io.parley.embedded.internal.transport.tcp;

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
import io.parley.embedded.internal.xml.StreamErrorCondition;
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
 * The client listeners: plain TCP with STARTTLS (RFC 6120, default 5222) and direct TLS
 * (XEP-0368, default 5223), on Netty's native epoll transport when it is available.
 */
@Singleton
public final class TcpListeners {
  private static final Logger log = LoggerFactory.getLogger(TcpListeners.class);

  private final ServerConfig config;
  private final C2sStreams streams;
  private final OpenConnections connections;
  private final List<Channel> servers = new ArrayList<>();
  private EventLoopGroup group;
  private int tcpPort = -1;
  private int directTlsPort = -1;

  @Inject
  TcpListeners(ServerConfig config, C2sStreams streams) {
    this.config = config;
    this.streams = streams;
    this.connections = new OpenConnections(C2sChannelHandler.Timeouts.of(config));
  }

  // Reference counted with BoringSSL: released when the listeners stop (each engine holds it too).
  private SslContext tls;

  /** Binds the configured listeners; the bound ports are then known. */
  public synchronized void start() {
    if (config.tcpPort() < 0 && config.directTlsPort() < 0) {
      return;
    }
    tls = TlsContexts.serverContext(config.tlsKey(), config.tlsCertificate(),
        config.dataDirectory(), config.domain().domain(), config.nativeTls(),
        config.tlsSessionTickets());
    boolean epoll = Epoll.isAvailable();
    group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(),
        new DefaultThreadFactory("parley-io", true),
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Class<? extends ServerChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    try {
      if (config.tcpPort() >= 0) {
        tcpPort = bind(channelType, config.tcpPort(), tls, false);
      }
      if (config.directTlsPort() >= 0) {
        directTlsPort = bind(channelType, config.directTlsPort(), tls, true);
      }
    } catch (RuntimeException e) {
      stop(Duration.ZERO);
      throw e;
    }
    log.info("listening on {} (c2s {}, direct TLS {}, {}, TLS by {})", config.bindAddress(),
        tcpPort, directTlsPort, epoll ? "epoll" : "nio",
        TlsContexts.provider(config.nativeTls()));
  }

  private int bind(Class<? extends ServerChannel> channelType, int port, SslContext tls,
      boolean direct) {
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
            config.writeBufferHighWaterMark() / 2, config.writeBufferHighWaterMark()))
        .childHandler(new C2sChannelInitializer(config, streams, tls, direct, connections));
    try {
      Channel server = b.bind(new InetSocketAddress(config.bindAddress(), port)).sync().channel();
      servers.add(server);
      return ((InetSocketAddress) server.localAddress()).getPort();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding port " + port, e);
    } catch (Exception e) {
      throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + port,
          e instanceof java.io.IOException io ? io : new java.io.IOException(e));
    }
  }

  public int tcpPort() {
    return tcpPort;
  }

  public int directTlsPort() {
    return directTlsPort;
  }

  /** Open connections, authenticated or not. */
  public int connections() {
    return connections.size();
  }

  /**
   * Stops accepting, ends every stream with {@code <system-shutdown/>}, and waits up to
   * {@code grace} for the connections to close before stopping the event loops.
   */
  public synchronized void stop(Duration grace) {
    // Every wait is bounded: a stuck event loop must not hang the host's shutdown.
    for (Channel server : servers) {
      server.close().awaitUninterruptibly(Math.max(100, grace.toMillis()));
    }
    servers.clear();
    connections.failAll(StreamErrorCondition.SYSTEM_SHUTDOWN);
    long deadline = System.nanoTime() + grace.toNanos();
    while (connections.size() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (group != null) {
      group.shutdownGracefully(0, Math.max(100, grace.toMillis()), TimeUnit.MILLISECONDS)
          .awaitUninterruptibly(2 * Math.max(100, grace.toMillis()));
      group = null;
    }
    ReferenceCountUtil.release(tls);
    tls = null;
  }

}
