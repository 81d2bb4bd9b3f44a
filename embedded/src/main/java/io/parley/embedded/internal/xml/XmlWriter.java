package io.parley.embedded.internal.xml;

import io.netty.buffer.ByteBuf;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;

/**
 * The one place XML is written: straight into Netty buffers as UTF-8, escaping text and attribute
 * values and declaring namespaces where an element's namespace differs from the one in scope.
 * Elements in {@link StreamHeader#STREAMS_NAMESPACE} are written with the {@code stream:} prefix
 * the stream header declares.
 */
public final class XmlWriter {
  private XmlWriter() {}

  /** {@code <?xml version='1.0'?><stream:stream xmlns='…' xmlns:stream='…' …>}. */
  public static void writeStreamHeader(ByteBuf out, StreamHeader header) {
    throw new UnsupportedOperationException("TODO");
  }

  /** {@code </stream:stream>}. */
  public static void writeStreamEnd(ByteBuf out) {
    throw new UnsupportedOperationException("TODO");
  }

  /** One element whose parent's default namespace is {@code inScopeNamespace}. */
  public static void writeElement(ByteBuf out, Element element, String inScopeNamespace) {
    throw new UnsupportedOperationException("TODO");
  }

  /** A stanza as a top-level element of a jabber:client stream. */
  public static void writeStanza(ByteBuf out, Stanza stanza) {
    throw new UnsupportedOperationException("TODO");
  }
}
