package io.parley.embedded.internal.transport.websocket;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.embedded.internal.stream.C2sStream;
import io.parley.embedded.internal.stream.C2sStreams;
import io.parley.embedded.internal.stream.StreamTransport;
import io.parley.embedded.internal.xml.XmlLimits;
import io.parley.embedded.internal.xml.XmlStreamParser;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What a WebSocket adapter outside Netty (the servlet one) needs from the server: the session
 * core, the limits, a serial executor per connection, and the registry shutdown goes through.
 */
@Singleton
public final class WebSocketStreams {
  private final ServerConfig config;
  private final C2sStreams streams;
  private final Executor blocking;
  private final XmlLimits limits;
  private final OpenStreams open = new OpenStreams();

  @Inject
  WebSocketStreams(ServerConfig config, C2sStreams streams, @Blocking Executor blocking) {
    this.config = config;
    this.streams = streams;
    this.blocking = blocking;
    this.limits = new XmlLimits(config.maxStanzaBytes(), config.maxXmlDepth());
  }

  /** A stream for a new connection; {@link #closed} must follow when the connection ends. */
  public C2sStream open(StreamTransport transport) {
    C2sStream stream = streams.create(transport);
    open.add(stream, transport);
    return stream;
  }

  public void closed(C2sStream stream) {
    open.remove(stream);
  }

  /** A parser for one connection's messages, feeding its stream. */
  public XmlStreamParser parser(C2sStream stream) {
    return XmlStreamParser.forMessages(limits, stream);
  }

  /**
   * The thread of one connection: every stream event runs on it in order. Stream work never
   * blocks, so it shares Parley's pool for blocking work rather than owning threads.
   */
  public Executor connectionExecutor() {
    return new SerialExecutor(blocking);
  }

  public int maxMessageBytes() {
    return config.maxStanzaBytes();
  }

  public int writeBufferHighWaterMark() {
    return config.writeBufferHighWaterMark();
  }

  public Duration idleTimeout() {
    return config.idleTimeout();
  }

  public boolean consideredSecure() {
    return config.webSocketConsideredSecure();
  }

  /** Whether a page from {@code origin} (null: none sent) may connect (see corsOrigins). */
  public boolean allowsOrigin(String origin) {
    return origin == null || config.corsOrigins().contains("*")
        || config.corsOrigins().contains(origin);
  }

  /** Ends every stream with system-shutdown, waiting up to {@code grace}. */
  public void shutdown(Duration grace) {
    open.shutdown(grace);
  }
}
