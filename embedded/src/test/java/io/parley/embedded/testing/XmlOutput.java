package io.parley.embedded.testing;

import io.netty.buffer.Unpooled;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlLimits;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.spi.stanza.Element;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server wrote, read back as XML: the stream header (if any), the top-level elements and
 * whether the stream was closed. Tests compare elements, not strings.
 */
public record XmlOutput(StreamHeader header, List<Element> elements, boolean closed) {
  private static final String OPEN = "<stream:stream xmlns='jabber:client' "
      + "xmlns:stream='http://etherx.jabber.org/streams'>";

  /** Parses server output: a whole stream opening, or elements written inside an open stream. */
  public static XmlOutput parse(String xml) {
    String trimmed = xml.strip();
    boolean hasHeader = trimmed.startsWith("<?xml") || trimmed.startsWith("<stream:stream");
    String doc = hasHeader ? trimmed : OPEN + trimmed;
    List<Element> elements = new ArrayList<>();
    StreamHeader[] header = new StreamHeader[1];
    boolean[] closed = new boolean[1];
    XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULT, new XmlStreamParser.Listener() {
      @Override
      public void streamOpened(StreamHeader h) {
        header[0] = h;
      }

      @Override
      public void element(Element element) {
        elements.add(element);
      }

      @Override
      public void streamClosed() {
        closed[0] = true;
      }
    });
    try {
      parser.feed(Unpooled.wrappedBuffer(doc.getBytes(StandardCharsets.UTF_8)));
    } catch (XmlStreamException e) {
      throw new AssertionError("server wrote bad XML (" + e.getMessage() + "): " + xml, e);
    }
    return new XmlOutput(hasHeader ? header[0] : null, elements, closed[0]);
  }

  /** Parses elements written as a test expects them, inside a jabber:client stream. */
  public static List<Element> elements(String xml) {
    return parse(xml).elements();
  }

  public static Element element(String xml) {
    List<Element> list = elements(xml);
    if (list.size() != 1) {
      throw new IllegalArgumentException("expected one element in " + xml);
    }
    return list.get(0);
  }
}
