package io.parley.embedded.servlet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.embedded.internal.stream.C2sStream;
import io.parley.embedded.internal.stream.StreamFraming;
import io.parley.embedded.internal.stream.StreamTransport;
import io.parley.embedded.internal.transport.websocket.WebSocketMessages;
import io.parley.embedded.internal.transport.websocket.WebSocketStreams;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one Jakarta WebSocket session to the session core, like the Netty adapter does for
 * Parley's own listener: text messages to the message parser, the core's writes to text
 * messages. Stream events run on a serial executor of the connection's own. Outbound messages
 * are sent one at a time (some containers refuse a send while one is in flight); their unsent
 * bytes are what {@link #isWritable()} bounds.
 *
 * <p>Not available here: reading cannot be paused (the API has no flow control), so inbound
 * backpressure from slow host interceptors does not apply; the container's idle timeout closes
 * the connection without a {@code connection-timeout} stream error; binary messages are refused
 * by the container (status 1003), as no handler takes them.
 */
final class ServletTransport implements StreamTransport, MessageHandler.Partial<String> {
  private static final Logger log = LoggerFactory.getLogger(ServletTransport.class);
  private static final Object CLOSE_CONNECTION = new Object();

  /** A message ready to send, with its UTF-8 size for the write-buffer bound. */
  private record Outgoing(String text, int bytes) {}

  private final Session session;
  private final WebSocketStreams streams;
  private final Executor executor;
  private C2sStream stream;
  private XmlStreamParser parser;

  // Inbound: the container delivers one message part at a time.
  private final StringBuilder partial = new StringBuilder();
  private long partialBytes;
  private boolean tooBig;

  // Outbound: any thread enqueues; one send in flight at a time.
  private final Queue<Object> outbound = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicLong unsentBytes = new AtomicLong();
  private final AtomicBoolean blocked = new AtomicBoolean();
  private volatile boolean closing;
  private volatile CloseReason closeReason = new CloseReason(
      CloseReason.CloseCodes.NORMAL_CLOSURE, null);

  ServletTransport(Session session, WebSocketStreams streams) {
    this.session = session;
    this.streams = streams;
    this.executor = streams.connectionExecutor();
  }

  void start() {
    stream = streams.open(this);
    parser = streams.parser(stream);
    session.setMaxIdleTimeout(streams.idleTimeout().toMillis());
    session.addMessageHandler(String.class, this);
  }

  /** The container's part of a text message; parts of one message come in order. */
  @Override
  public void onMessage(String part, boolean last) {
    if (tooBig) {
      return;
    }
    partialBytes += utf8Length(part);
    if (partialBytes > streams.maxMessageBytes()) {
      // The same limit and answer as over Parley's own listener: policy-violation, 1009.
      tooBig = true;
      partial.setLength(0);
      executor.execute(() -> {
        closeReason = new CloseReason(CloseReason.CloseCodes.TOO_BIG, null);
        stream.fail(StreamErrorCondition.POLICY_VIOLATION,
            "message larger than " + streams.maxMessageBytes() + " bytes");
      });
      return;
    }
    partial.append(part);
    if (last) {
      String message = partial.toString();
      partial.setLength(0);
      partialBytes = 0;
      executor.execute(() -> feed(message));
    }
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }

  private void feed(String message) {
    if (closing) {
      return;
    }
    try {
      parser.feedMessage(Unpooled.wrappedBuffer(message.getBytes(StandardCharsets.UTF_8)));
    } catch (XmlStreamException e) {
      log.debug("WebSocket {}: {}", session.getId(), e.getMessage());
      stream.parseError(e);
    } catch (RuntimeException e) {
      log.warn("WebSocket {}: internal error while reading", session.getId(), e);
      stream.fail(StreamErrorCondition.INTERNAL_SERVER_ERROR, null);
    }
  }

  /** The container closed the connection (either side's close, or an error). */
  void closed() {
    executor.execute(() -> {
      closing = true;
      streams.closed(stream);
      stream.connectionClosed();
    });
  }

  // ---- outbound

  private void enqueue(Object msg) {
    ByteBuf buf = Unpooled.buffer(256);
    try {
      WebSocketMessages.encode(msg, buf);
      unsentBytes.addAndGet(buf.readableBytes());
      outbound.add(new Outgoing(buf.toString(StandardCharsets.UTF_8), buf.readableBytes()));
    } finally {
      buf.release();
    }
  }

  private void pump() {
    while (sending.compareAndSet(false, true)) {
      Object next = outbound.poll();
      if (next == null) {
        sending.set(false);
        if (outbound.isEmpty()) {
          return;
        }
        continue; // a writer enqueued between the poll and the flag
      }
      if (next == CLOSE_CONNECTION) {
        closeConnection();
        return; // sending stays set: nothing goes after the close
      }
      Outgoing message = (Outgoing) next;
      try {
        session.getAsyncRemote().sendText(message.text(), result -> {
          sent(message.bytes());
          if (!result.isOK()) {
            log.debug("WebSocket {}: send failed: {}", session.getId(),
                result.getException().toString());
          }
          sending.set(false);
          // Not inline: a container may complete synchronously, which would recurse.
          executor.execute(this::pump);
        });
      } catch (RuntimeException e) {
        log.debug("WebSocket {}: send refused: {}", session.getId(), e.toString());
        sending.set(false);
        outbound.clear();
      }
      return;
    }
  }

  private void sent(int bytes) {
    long left = unsentBytes.addAndGet(-bytes);
    if (left <= streams.writeBufferHighWaterMark() / 2 && blocked.compareAndSet(true, false)) {
      executor.execute(stream::writable);
    }
  }

  private void closeConnection() {
    try {
      session.close(closeReason);
    } catch (IOException e) {
      log.debug("WebSocket {}: close failed: {}", session.getId(), e.toString());
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
    Object address = session.getUserProperties().get("jakarta.websocket.endpoint.remoteAddress");
    return address instanceof SocketAddress a ? a : null;
  }

  @Override
  public Executor executor() {
    return executor;
  }

  @Override
  public boolean isSecure() {
    return session.isSecure() || streams.consideredSecure();
  }

  @Override
  public boolean canStartTls() {
    return false; // RFC 7395 §3.8: TLS is the WebSocket layer's
  }

  @Override
  public void openStream(StreamHeader header) {
    enqueue(header);
  }

  @Override
  public void write(Element element) {
    enqueue(element);
  }

  @Override
  public void write(Stanza stanza) {
    enqueue(stanza);
  }

  @Override
  public void flush() {
    pump();
  }

  @Override
  public boolean isWritable() {
    if (unsentBytes.get() < streams.writeBufferHighWaterMark()) {
      return true;
    }
    blocked.set(true);
    // Re-check: the last send may have completed between the read and the flag.
    if (unsentBytes.get() < streams.writeBufferHighWaterMark()
        && blocked.compareAndSet(true, false)) {
      return true;
    }
    return false;
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
    // The Jakarta WebSocket API has no flow control; see the class comment.
  }

  @Override
  public void resumeReading() {
  }

  @Override
  public void closeStream() {
    closeStream(null);
  }

  @Override
  public void closeStream(String seeOtherUri) {
    closing = true;
    enqueue(new WebSocketMessages.Close(seeOtherUri));
    outbound.add(CLOSE_CONNECTION);
    pump();
  }
}
