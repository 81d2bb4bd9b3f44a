package io.parley.embedded.internal.storage.jdbc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlLimits;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Elements and stanzas as text columns: written by the server's one serializer
 * ({@link io.parley.embedded.internal.xml.XmlWriter}) in the jabber:client default namespace, and
 * read back by the server's one parser inside a synthetic stream header, so a stored stanza
 * round-trips exactly as it would over a stream.
 */
final class XmlCodec {
  private static final String CLIENT = "jabber:client";
  private static final byte[] OPEN = ("<stream:stream xmlns='" + CLIENT + "' xmlns:stream='"
      + StreamHeader.STREAMS_NAMESPACE + "'>").getBytes(StandardCharsets.US_ASCII);
  // What was stored passed the server's limits on the way in; these only stop runaway data.
  private static final XmlLimits LIMITS = new XmlLimits(64 * 1024 * 1024, 1024);

  private XmlCodec() {}

  static String write(Element element) {
    ByteBuf out = Unpooled.buffer(256);
    try {
      io.parley.embedded.internal.xml.XmlWriter.writeElement(out, element, CLIENT);
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      out.release();
    }
  }

  static String write(Stanza stanza) {
    return write(stanza.toElement());
  }

  static Element read(String xml) {
    List<Element> elements = new ArrayList<>(1);
    XmlStreamParser parser = new XmlStreamParser(LIMITS, new XmlStreamParser.Listener() {
      @Override
      public void streamOpened(StreamHeader header) {}

      @Override
      public void element(Element element) {
        elements.add(element);
      }

      @Override
      public void streamClosed() {}
    });
    try {
      parser.feed(Unpooled.wrappedBuffer(OPEN, xml.getBytes(StandardCharsets.UTF_8)));
    } catch (XmlStreamException e) {
      throw new IllegalStateException("stored XML does not parse: " + e.getMessage(), e);
    }
    if (elements.size() != 1) {
      throw new IllegalStateException("stored XML holds " + elements.size() + " elements");
    }
    return elements.get(0);
  }

  static Message readMessage(String xml) {
    return (Message) Stanza.fromElement(read(xml));
  }

  static Presence readPresence(String xml) {
    return (Presence) Stanza.fromElement(read(xml));
  }
}
