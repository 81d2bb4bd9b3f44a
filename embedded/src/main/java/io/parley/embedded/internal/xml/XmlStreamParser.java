package io.parley.embedded.internal.xml;

import io.netty.buffer.ByteBuf;
import io.parley.spi.stanza.Element;

/**
 * Parses one XML stream (RFC 6120 §4) incrementally with aalto-xml's asynchronous parser, fed
 * straight from Netty buffers, and frames it into the stream header, its top-level elements and
 * the stream end. Not thread-safe: one per connection, used from its event loop.
 */
public final class XmlStreamParser {
  /** Receives what the parser framed; called synchronously from {@link #feed}. */
  public interface Listener {
    void streamOpened(StreamHeader header) throws XmlStreamException;

    /** A complete top-level element (a child of the stream root). */
    void element(Element element) throws XmlStreamException;

    void streamClosed() throws XmlStreamException;
  }

  public XmlStreamParser(XmlLimits limits, Listener listener) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Parses all readable bytes of {@code in} (advancing its reader index), calling the listener
   * for every complete event. The caller keeps ownership of the buffer.
   *
   * @throws XmlStreamException for input that ends the stream: {@code not-well-formed},
   *     {@code restricted-xml} (comments, processing instructions, DTDs, entity references other
   *     than the predefined five), {@code policy-violation} (limits), {@code unsupported-encoding}
   */
  public void feed(ByteBuf in) throws XmlStreamException {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Starts a new document, as after STARTTLS or SASL success (RFC 6120 §5.4.3.3, §6.4.6). May be
   * called from a listener callback: the bytes after the current event then go to the new
   * document.
   */
  public void reset() {
    throw new UnsupportedOperationException("TODO");
  }
}
