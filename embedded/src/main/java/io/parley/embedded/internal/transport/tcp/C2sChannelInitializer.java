package io.parley.embedded.internal.transport.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.stream.C2sStreams;
import io.parley.embedded.internal.xml.XmlLimits;

/** The pipeline of one client connection; tests build the same one on an EmbeddedChannel. */
final class C2sChannelInitializer extends ChannelInitializer<Channel> {
  /**
   * The allocator only makes per-channel handles; every channel gets its own instance by
   * default, which an idle connection keeps for nothing. Fixed-size reads: the adaptive handle
   * keeps a size calculator per connection (about 50 bytes more), and the buffer of a read is
   * pooled and given back right after it, whatever its size.
   */
  private static final RecvByteBufAllocator RECV_ALLOCATOR =
      new FixedRecvByteBufAllocator(16 * 1024);

  private final C2sStreams streams;
  private final SslContext tls;
  private final boolean direct;
  private final OpenConnections connections;
  private final XmlLimits limits;

  /**
   * @param tls the server's TLS context, or null for none (then no STARTTLS is offered)
   * @param direct whether TLS starts at once (XEP-0368) instead of after STARTTLS
   */
  C2sChannelInitializer(ServerConfig config, C2sStreams streams, SslContext tls, boolean direct,
      OpenConnections connections) {
    this.streams = streams;
    this.tls = tls;
    this.direct = direct;
    this.connections = connections;
    this.limits = new XmlLimits(config.maxStanzaBytes(), config.maxXmlDepth());
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.config().setRecvByteBufAllocator(RECV_ALLOCATOR);
    ChannelPipeline p = ch.pipeline();
    if (direct) {
      p.addLast("tls", tls.newHandler(ch.alloc()));
    }
    // No IdleStateHandler: one sweep per event loop (OpenConnections) keeps the idle timeout and
    // keepalive of all its connections.
    p.addLast("encoder", new XmppEncoder());
    p.addLast("c2s", new C2sChannelHandler(streams, limits, tls, direct, connections));
  }
}
