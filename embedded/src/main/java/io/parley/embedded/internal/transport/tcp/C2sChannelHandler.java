package io.parley.embedded.internal.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.stream.C2sStream;
import io.parley.embedded.internal.stream.C2sStreams;
import io.parley.embedded.internal.stream.StreamTransport;
import io.parley.embedded.internal.xml.SerializedElement;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlLimits;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one TCP connection (plain with STARTTLS, or direct TLS) to the session core: bytes go to
 * the XML stream parser, parser events to {@link C2sStream}, and the stream's writes to the
 * channel. One instance per channel.
 */
final class C2sChannelHandler extends ChannelInboundHandlerAdapter
    implements StreamTransport, Runnable {
  private static final Logger log = LoggerFactory.getLogger(C2sChannelHandler.class);

  private final C2sStreams streams;
  private final XmlLimits limits;
  private final SslContext tls;
  private final boolean directTls;
  private final OpenConnections connections;
  private Channel channel;
  private C2sStream stream;
  private XmlStreamParser parser;
  private boolean tlsStarted;
  private boolean closing;
  private boolean flushPending;
  // The idle timeout and keepalive (RFC 6120 §4.6), checked by its loop's sweep in
  // OpenConnections, instead of an IdleStateHandler with two timers and its own pipeline context
  // (about 370 bytes each).
  private long lastRead;
  // Also set by flushes from other threads (host interceptors): a stale value only moves the
  // next keepalive, never loses a write.
  private long lastWrite;
  // This loop's list in OpenConnections; only touched on the event loop.
  C2sChannelHandler prev;
  C2sChannelHandler next;

  /**
   * The idle timeout (reads) and keepalive interval (writes), in nanoseconds; 0 turns one off.
   * Shared by every connection of a listener.
   */
  record Timeouts(long idleNanos, long keepaliveNanos) {
    static Timeouts of(ServerConfig config) {
      return new Timeouts(config.idleTimeout().toNanos(), config.keepaliveInterval().toNanos());
    }
  }

  C2sChannelHandler(C2sStreams streams, XmlLimits limits, SslContext tls, boolean directTls,
      OpenConnections connections) {
    this.streams = streams;
    this.limits = limits;
    this.tls = tls;
    this.directTls = directTls;
    this.connections = connections;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    stream = streams.create(this);
    parser = new XmlStreamParser(limits, stream);
    lastRead = now();
    lastWrite = lastRead;
    connections.add(this, channel.eventLoop());
    ctx.fireChannelActive();
  }

  private long now() {
    return channel.eventLoop().ticker().nanoTime();
  }

  /** Called by the loop's sweep: ends a silent stream, or sends a keepalive to a quiet one. */
  void checkIdle(long now) {
    if (!channel.isOpen()) {
      return;
    }
    Timeouts timeouts = connections.timeouts();
    if (timeouts.idleNanos() > 0 && now - lastRead >= timeouts.idleNanos()) {
      lastRead = now; // as IdleStateHandler: once per timeout while the peer stays silent
      stream.idle();
    }
    if (timeouts.keepaliveNanos() > 0 && now - lastWrite >= timeouts.keepaliveNanos()
        && channel.isOpen() && stream.isOpen()) {
      channel.writeAndFlush(Whitespace.INSTANCE);
      lastWrite = now;
    }
  }

  /** Ends the stream with a stream error (shutdown); on the event loop. */
  void fail(StreamErrorCondition condition) {
    stream.fail(condition, null);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    lastRead = now();
    try {
      if (!closing && msg instanceof ByteBuf buf) {
        parser.feed(buf);
      }
    } catch (XmlStreamException e) {
      log.debug("{}: {}", channel.remoteAddress(), e.getMessage());
      stream.parseError(e);
    } catch (RuntimeException e) {
      log.warn("{}: internal error while reading", channel.remoteAddress(), e);
      stream.fail(StreamErrorCondition.INTERNAL_SERVER_ERROR, null);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connections.remove(this, channel.eventLoop());
    stream.connectionClosed();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      stream.writable();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (!done.isSuccess()) {
        log.debug("{}: TLS handshake failed: {}", channel.remoteAddress(), done.cause().toString());
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("{}: connection error: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  /** Whether the parser holds a reader now (tests: an idle connection holds none). */
  boolean parserHoldsReader() {
    return parser.holdsReader();
  }

  // ---- StreamTransport

  @Override
  public String name() {
    return directTls ? "tls" : "tcp";
  }

  @Override
  public SocketAddress remoteAddress() {
    return channel.remoteAddress();
  }

  @Override
  public Executor executor() {
    return channel.eventLoop();
  }

  /**
   * Once TLS is installed, every byte the parser sees was decrypted, so the stream is secure: no
   * wait for the handshake event, which can reach this handler after the first decrypted bytes.
   */
  @Override
  public boolean isSecure() {
    return directTls || tlsStarted;
  }

  @Override
  public boolean canStartTls() {
    return !directTls && tls != null;
  }

  @Override
  public void openStream(StreamHeader header) {
    channel.write(header, channel.voidPromise());
  }

  @Override
  public void write(Element element) {
    channel.write(element, channel.voidPromise());
  }

  @Override
  public void write(SerializedElement element) {
    channel.write(element, channel.voidPromise());
  }

  @Override
  public void write(Stanza stanza) {
    channel.write(stanza, channel.voidPromise());
  }

  @Override
  public void write(PreparedStanza.Addressed delivery) {
    channel.write(delivery, channel.voidPromise());
  }

  @Override
  public void flush() {
    lastWrite = now();
    channel.flush();
  }

  /**
   * On the event loop, the flush waits for the end of the loop's current iteration: every
   * mailbox drained in that iteration (a fan-out, or many senders' messages to one recipient)
   * then reaches the socket in one write. The loop runs the flush right after its tasks, so an
   * idle server adds no delay.
   */
  @Override
  public void flushDeliveries() {
    if (flushPending) {
      return;
    }
    if (channel.eventLoop() instanceof SingleThreadEventLoop loop && loop.inEventLoop()) {
      flushPending = true;
      loop.executeAfterEventLoopIteration(this);
    } else {
      flush();
    }
  }

  /**
   * The deferred flush of {@link #flushDeliveries()}. The handler is its own task so that no
   * connection keeps a lambda for it (16 bytes per session).
   */
  @Override
  public void run() {
    flushPending = false;
    flush();
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public void startTls() {
    // <proceed/> was flushed already, so the handshake starts after it on the wire.
    SslHandler ssl = tls.newHandler(channel.alloc());
    channel.pipeline().addFirst("tls", ssl);
    tlsStarted = true;
  }

  @Override
  public void restartStream() {
    parser.reset();
  }

  @Override
  public void pauseReading() {
    channel.config().setAutoRead(false);
  }

  @Override
  public void resumeReading() {
    channel.config().setAutoRead(true);
  }

  @Override
  public void closeStream() {
    closing = true;
    lastWrite = now();
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    if (ssl != null && (ssl.engine().isInboundDone() || ssl.engine().isOutboundDone())) {
      // The peer closed TLS right after its closing tag (close_notify in the same read): the
      // engine takes no more data, so our closing tag cannot be sent, and trying costs an
      // exception with a stack trace per connection.
      channel.close();
      return;
    }
    if (ssl != null && ssl.handshakeFuture().isSuccess()) {
      // The closing tag and close_notify in one write: one syscall and one wake-up of the peer
      // fewer per connection. Added only now, as every handler costs each open connection heap.
      // (Before the handshake ends SslHandler defers the first flush itself, and holding the
      // second would leave close_notify waiting for its flush timeout.)
      channel.pipeline().addBefore(channel.pipeline().context(ssl).name(), null,
          new HoldOneFlush());
      channel.write(StreamEnd.INSTANCE, channel.voidPromise());
      channel.flush();
      channel.close();
      return;
    }
    channel.writeAndFlush(StreamEnd.INSTANCE).addListener(ChannelFutureListener.CLOSE);
  }
}
