package io.parley.embedded.internal.xml;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;

/**
 * An element that many streams send alike (stream features), with its serialization made once.
 * Transports that write plain XML in a {@code jabber:client} stream copy the bytes; the others
 * write the element their own way.
 */
public final class SerializedElement {
  private final Element element;
  private final byte[] bytes;

  public SerializedElement(Element element) {
    this.element = element;
    ByteBuf out = Unpooled.buffer();
    XmlWriter.writeElement(out, element, Stanza.CLIENT_NAMESPACE);
    this.bytes = ByteBufUtil.getBytes(out);
  }

  public Element element() {
    return element;
  }

  /** Writes what {@link XmlWriter#writeElement} writes for the element in a client stream. */
  public void writeTo(ByteBuf out) {
    out.writeBytes(bytes);
  }
}
