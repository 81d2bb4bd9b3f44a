package io.parley.embedded.internal.transport.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** The pipeline of one HTTP connection; tests build the same one on an EmbeddedChannel. */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
  static final String IDLE = "http-idle";
  /** Request line and headers; generous for browsers' cookies, small for a server. */
  private static final int MAX_HEADER_BYTES = 16 * 1024;

  private final HttpSite site;
  private final SslContext tls;

  /** @param tls the TLS context for an https listener, or null for plain HTTP */
  HttpChannelInitializer(HttpSite site, SslContext tls) {
    this.site = site;
    this.tls = tls;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      p.addLast("tls", tls.newHandler(ch.alloc()));
    }
    p.addLast("http-codec", new HttpServerCodec(4096, MAX_HEADER_BYTES, 8192));
    // Request bodies: none are served yet; BOSH's will be stanzas, so the same bound.
    p.addLast("http-aggregator", new HttpObjectAggregator(site.config().maxStanzaBytes()));
    p.addLast(IDLE, new IdleStateHandler(0, 0, site.config().idleTimeout().toMillis(),
        TimeUnit.MILLISECONDS));
    p.addLast("http", new HttpRequestHandler(site, tls != null));
  }
}
