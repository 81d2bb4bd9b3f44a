package io.parley.embedded.internal.transport.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.stream.C2sStream;
import io.parley.embedded.internal.stream.C2sStreams;
import io.parley.embedded.internal.stream.StreamFraming;
import io.parley.embedded.internal.stream.StreamTransport;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlLimits;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one upgraded WebSocket connection (RFC 7395) to the session core: each text message goes
 * to the message parser, its element to {@link C2sStream}, and the stream's writes become text
 * frames. Control frames are handled here: ping is answered, a close frame ends the stream
 * (RFC 7395 §3.6: implicitly, if no {@code <close/>} came first).
 */
public final class WebSocketC2sHandler extends ChannelInboundHandlerAdapter
    implements StreamTransport {
  private static final Logger log = LoggerFactory.getLogger(WebSocketC2sHandler.class);

  private final C2sStreams streams;
  private final XmlLimits limits;
  private final boolean secure;
  private final OpenStreams open;
  private Channel channel;
  private C2sStream stream;
  private XmlStreamParser parser;
  private boolean closing;
  /** The WebSocket close status that follows our {@code <close/>}. */
  private WebSocketCloseStatus closeStatus = WebSocketCloseStatus.NORMAL_CLOSURE;

  private WebSocketC2sHandler(C2sStreams streams, XmlLimits limits, boolean secure,
      OpenStreams open) {
    this.streams = streams;
    this.limits = limits;
    this.secure = secure;
    this.open = open;
  }

  /**
   * Adds the XMPP handlers behind the WebSocket codec the handshake installs: message aggregation
   * up to {@code maxStanzaBytes}, ping keepalives and the idle timeout, the encoder and this.
   *
   * @param after the handler to install after (the HTTP handler, which the caller removes)
   * @param secure whether the connection counts as encrypted (TLS, or configured so)
   */
  public static void install(ChannelPipeline p, String after, ServerConfig config,
      C2sStreams streams, boolean secure, OpenStreams open) {
    XmlLimits limits = new XmlLimits(config.maxStanzaBytes(), config.maxXmlDepth());
    p.addAfter(after, "ws-aggregator", new WebSocketFrameAggregator(config.maxStanzaBytes()));
    p.addAfter("ws-aggregator", "ws-idle", new IdleStateHandler(config.idleTimeout().toMillis(),
        config.keepaliveInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
    p.addAfter("ws-idle", "ws-xmpp-encoder", WebSocketEncoder.INSTANCE);
    p.addAfter("ws-xmpp-encoder", "ws-xmpp",
        new WebSocketC2sHandler(streams, limits, secure, open));
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Added to an active channel after the upgrade: no channelActive follows.
    channel = ctx.channel();
    stream = streams.create(this);
    parser = XmlStreamParser.forMessages(limits, stream);
    open.add(stream, this);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (closing) {
        return;
      }
      if (msg instanceof TextWebSocketFrame text) {
        parser.feedMessage(text.content());
      } else if (msg instanceof PingWebSocketFrame ping) {
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        // The peer ends the connection; a stream still open ends implicitly (RFC 7395 §3.6).
        closing = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() < 0
            ? WebSocketCloseStatus.NORMAL_CLOSURE.code() : close.statusCode(), null))
            .addListener(ChannelFutureListener.CLOSE);
      } else if (msg instanceof BinaryWebSocketFrame) {
        // RFC 7395 §3.2: XMPP messages are text frames.
        closeStatus = WebSocketCloseStatus.INVALID_MESSAGE_TYPE;
        stream.fail(StreamErrorCondition.BAD_FORMAT, "binary frames are not XMPP");
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
    open.remove(stream);
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
    if (evt instanceof IdleStateEvent idle) {
      if (idle.state() == IdleState.READER_IDLE) {
        stream.idle();
      } else if (idle.state() == IdleState.WRITER_IDLE && stream.isOpen()) {
        // RFC 7395 §3.7: no whitespace keepalives; a WebSocket ping instead.
        ctx.writeAndFlush(new PingWebSocketFrame());
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (closing) {
      ctx.close();
    } else if (cause instanceof TooLongFrameException
        || cause instanceof CorruptedWebSocketFrameException c
        && c.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG)) {
      // A frame (by its header) or a fragmented message over maxStanzaBytes: the same limit as
      // a stanza over TCP, with the WebSocket status for it.
      closeStatus = WebSocketCloseStatus.MESSAGE_TOO_BIG;
      stream.fail(StreamErrorCondition.POLICY_VIOLATION,
          "message larger than " + limits.maxStanzaBytes() + " bytes");
    } else if (cause instanceof CorruptedWebSocketFrameException c) {
      closeStatus = c.closeStatus();
      stream.fail(c.closeStatus().equals(WebSocketCloseStatus.INVALID_PAYLOAD_DATA)
          ? StreamErrorCondition.NOT_WELL_FORMED : StreamErrorCondition.BAD_FORMAT, null);
    } else {
      log.debug("{}: connection error: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }

  // ---- StreamTransport

  @Override
  public String name() {
    return "websocket";
  }

  @Override
  public StreamFraming framing() {
    return StreamFraming.WEBSOCKET;
  }

  @Override
  public SocketAddress remoteAddress() {
    return channel.remoteAddress();
  }

  @Override
  public Executor executor() {
    return channel.eventLoop();
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public boolean canStartTls() {
    return false; // RFC 7395 §3.8: TLS is the WebSocket layer's (wss:)
  }

  @Override
  public void openStream(StreamHeader header) {
    channel.write(header);
  }

  @Override
  public void write(Element element) {
    channel.write(element);
  }

  @Override
  public void write(Stanza stanza) {
    channel.write(stanza);
  }

  @Override
  public void flush() {
    channel.flush();
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public void startTls() {
    throw new UnsupportedOperationException("no STARTTLS over WebSocket");
  }

  @Override
  public void restartStream() {
    // Every message is a document of its own; the restart is the client's next <open/>.
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
    closeStream(null);
  }

  @Override
  public void closeStream(String seeOtherUri) {
    closing = true;
    channel.write(new WebSocketMessages.Close(seeOtherUri));
    // RFC 7395 §3.6: after <close/>, the closing party starts the WebSocket closing handshake.
    channel.writeAndFlush(new CloseWebSocketFrame(closeStatus))
        .addListener(ChannelFutureListener.CLOSE);
  }
}
