package io.parley.embedded.internal.stream;

import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.xml.SerializedElement;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.util.concurrent.Executor;

/**
 * What a transport (TCP, direct TLS, later WebSocket and BOSH) does for the one session core,
 * {@link C2sStream}. Every method except {@link #executor()} is called on that executor; writes
 * are buffered until {@link #flush()}.
 */
public interface StreamTransport {
  /** {@code tcp}, {@code tls}, ... for events and logs. */
  String name();

  SocketAddress remoteAddress();

  /** The connection's thread (its Netty event loop); all stream processing runs on it. */
  Executor executor();

  /** Whether the connection is encrypted now. */
  boolean isSecure();

  /** Whether STARTTLS can be offered (a plain TCP connection with a TLS context). */
  boolean canStartTls();

  /** Writes the opening of the server's stream (for TCP, the XML declaration and stream header). */
  void openStream(StreamHeader header);

  /** Writes a stream-level element or a stanza already in element form. */
  void write(Element element);

  /** An element many streams send alike; by default written as any other element. */
  default void write(SerializedElement element) {
    write(element.element());
  }

  void write(Stanza stanza);

  /**
   * Writes one delivery of a prepared stanza; transports that can share its serialization
   * override this.
   */
  default void write(PreparedStanza.Addressed delivery) {
    write(delivery.stanza());
  }

  void flush();

  /**
   * Flushes what a mailbox batch wrote, possibly a little later on the same thread: a transport
   * may coalesce the flushes of one event-loop iteration, so that a recipient of several
   * deliveries in that time gets them in one write instead of one system call each.
   */
  default void flushDeliveries() {
    flush();
  }

  /** Whether the peer takes data fast enough for more to be written now. */
  boolean isWritable();

  /** Starts TLS on the connection; called right after {@code <proceed/>} was written. */
  void startTls();

  /** Begins a new XML document from the next byte (RFC 6120 §5.4.3.3 and §6.4.6 restarts). */
  void restartStream();

  /** Stops reading from the peer until {@link #resumeReading()} (backpressure). */
  void pauseReading();

  void resumeReading();

  /** Writes the stream end, flushes, and closes the connection once written. */
  void closeStream();

  /** How this transport marks the stream's start, restarts and end. */
  default StreamFraming framing() {
    return StreamFraming.XML_STREAM;
  }

  /**
   * Like {@link #closeStream()}, with RFC 7395's {@code see-other-uri} on the {@code <close/>}:
   * only for framings whose stream end is an element ({@link StreamFraming#WEBSOCKET}).
   */
  default void closeStream(String seeOtherUri) {
    throw new UnsupportedOperationException("no see-other-uri in " + framing());
  }
}
