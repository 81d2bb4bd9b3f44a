package io.parley.embedded.internal.xml;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Node;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.Text;
import java.util.List;
import java.util.Map;

/**
 * The one place XML is written: straight into Netty buffers as UTF-8, escaping text and attribute
 * values and declaring namespaces where an element's namespace differs from the one in scope.
 * Elements in {@link StreamHeader#STREAMS_NAMESPACE} are written with the {@code stream:} prefix
 * the stream header declares.
 *
 * <p>Attribute values are single-quoted. Clark-notation attribute names ({@code {ns}local}) get a
 * generated prefix ({@code ns1}, {@code ns2}, ...) declared on the same element, except the XML
 * namespace, which is always {@code xml:}. Text escapes {@code & < >} and CR (which a parser
 * would otherwise normalise to LF); attribute values also escape quotes, tab and LF.
 */
public final class XmlWriter {
  private static final String STREAM_PREFIX = "stream";

  private XmlWriter() {}

  /** {@code <?xml version='1.0'?><stream:stream xmlns='…' xmlns:stream='…' …>}. */
  public static void writeStreamHeader(ByteBuf out, StreamHeader header) {
    out.writeCharSequence("<?xml version='1.0'?><", US_ASCII);
    String prefix = header.prefix();
    if (!prefix.isEmpty()) {
      writeName(out, prefix);
      out.writeByte(':');
    }
    writeName(out, header.localName());
    if (prefix.isEmpty()) {
      // Unprefixed root: its namespace is the default one, and wins over defaultNamespace.
      writeNamespace(out, null, header.namespace());
    } else if (!header.defaultNamespace().isEmpty()) {
      writeNamespace(out, null, header.defaultNamespace());
    }
    if (!prefix.isEmpty() && !prefix.equals(STREAM_PREFIX)) {
      writeNamespace(out, prefix, header.namespace());
    }
    // Always declared: stream-level elements are written as stream:name (see writeElement).
    writeNamespace(out, STREAM_PREFIX, StreamHeader.STREAMS_NAMESPACE);
    int generated = 0;
    for (Map.Entry<String, String> a : header.attributes().entrySet()) {
      generated = writeAttribute(out, a.getKey(), a.getValue(), generated);
    }
    out.writeByte('>');
  }

  /**
   * A root's start tag with exactly these namespace declarations ({@code prefix, uri} pairs; the
   * empty prefix declares the default namespace) and no attributes: what {@link ReaderPool}
   * primes a reader with to continue a stream.
   */
  static void writeRootStartTag(ByteBuf out, String prefix, String localName,
      String[] declarations) {
    out.writeByte('<');
    if (!prefix.isEmpty()) {
      writeName(out, prefix);
      out.writeByte(':');
    }
    writeName(out, localName);
    for (int i = 0; i < declarations.length; i += 2) {
      writeNamespace(out, declarations[i].isEmpty() ? null : declarations[i], declarations[i + 1]);
    }
    out.writeByte('>');
  }

  /** {@code </stream:stream>}. */
  public static void writeStreamEnd(ByteBuf out) {
    out.writeCharSequence("</stream:stream>", US_ASCII);
  }

  /** One element whose parent's default namespace is {@code inScopeNamespace}. */
  public static void writeElement(ByteBuf out, Element element, String inScopeNamespace) {
    writeElement(out, element, inScopeNamespace, false);
  }

  /**
   * One element as a document of its own, declaring every namespace it uses, {@code stream:}
   * included (RFC 7395 §3.3.2: each WebSocket message stands alone).
   */
  public static void writeStandaloneElement(ByteBuf out, Element element) {
    writeElement(out, element, "", true);
  }

  private static void writeElement(ByteBuf out, Element element, String inScopeNamespace,
      boolean declareStreamPrefix) {
    String namespace = element.namespace();
    boolean streamLevel = StreamHeader.STREAMS_NAMESPACE.equals(namespace);
    out.writeByte('<');
    if (streamLevel) {
      out.writeCharSequence("stream:", US_ASCII);
    }
    writeName(out, element.name());
    if (streamLevel && declareStreamPrefix) {
      writeNamespace(out, STREAM_PREFIX, StreamHeader.STREAMS_NAMESPACE);
    }
    String childScope = inScopeNamespace;
    if (!streamLevel && !namespace.equals(inScopeNamespace)) {
      writeNamespace(out, null, namespace);
      childScope = namespace;
    }
    int generated = 0;
    for (int i = 0, n = element.attributeCount(); i < n; i++) {
      generated = writeAttribute(out, element.attributeName(i), element.attributeValue(i),
          generated);
    }
    List<Node> children = element.children();
    if (children.isEmpty()) {
      out.writeByte('/').writeByte('>');
      return;
    }
    out.writeByte('>');
    writeChildren(out, children, childScope);
    out.writeByte('<').writeByte('/');
    if (streamLevel) {
      out.writeCharSequence("stream:", US_ASCII);
    }
    writeName(out, element.name());
    out.writeByte('>');
  }

  /** A stanza as a top-level element of a jabber:client stream. */
  public static void writeStanza(ByteBuf out, Stanza stanza) {
    writeStanza(out, stanza, false);
  }

  /** A stanza as a document of its own, declaring {@code jabber:client} (RFC 7395 §3.3.2). */
  public static void writeStandaloneStanza(ByteBuf out, Stanza stanza) {
    writeStanza(out, stanza, true);
  }

  private static void writeStanza(ByteBuf out, Stanza stanza, boolean declareNamespace) {
    String name = stanza.elementName();
    out.writeByte('<');
    writeName(out, name);
    if (declareNamespace) {
      writeNamespace(out, null, Stanza.CLIENT_NAMESPACE);
    }
    writeJid(out, "to", stanza.to());
    writeJid(out, "from", stanza.from());
    writePlainAttribute(out, "id", stanza.id());
    writePlainAttribute(out, "type", stanza.typeName());
    writePlainAttribute(out, "xml:lang", stanza.lang());
    List<Element> children = stanza.children();
    if (children.isEmpty()) {
      out.writeByte('/').writeByte('>');
      return;
    }
    out.writeByte('>');
    for (int i = 0, n = children.size(); i < n; i++) {
      writeElement(out, children.get(i), Stanza.CLIENT_NAMESPACE);
    }
    out.writeByte('<').writeByte('/');
    writeName(out, name);
    out.writeByte('>');
  }

  /**
   * The start of a stanza up to its {@code to} attribute: {@code <message to='…'}. Followed by
   * the bytes {@link #writeStanza} writes after that point for the same stanza without
   * {@code to}, it makes the same XML (the shared part of a prepared stanza).
   */
  public static void writeStanzaHead(ByteBuf out, String elementName, Jid to) {
    out.writeByte('<');
    writeName(out, elementName);
    writeJid(out, "to", to);
  }

  private static void writeChildren(ByteBuf out, List<Node> children, String scope) {
    for (int i = 0, n = children.size(); i < n; i++) {
      Node child = children.get(i);
      if (child instanceof Text t) {
        writeEscaped(out, t.value(), false);
      } else {
        writeElement(out, (Element) child, scope);
      }
    }
  }

  private static void writeJid(ByteBuf out, String name, Jid jid) {
    if (jid != null) {
      writePlainAttribute(out, name, jid.toString());
    }
  }

  private static void writePlainAttribute(ByteBuf out, String name, String value) {
    if (value != null) {
      out.writeByte(' ');
      writeName(out, name);
      out.writeByte('=').writeByte('\'');
      writeEscaped(out, value, true);
      out.writeByte('\'');
    }
  }

  /** Writes one attribute; returns how many prefixes this element has generated so far. */
  private static int writeAttribute(ByteBuf out, String name, String value, int generated) {
    if (name.isEmpty() || name.charAt(0) != '{') {
      writePlainAttribute(out, name, value);
      return generated;
    }
    int close = name.indexOf('}');
    if (close < 0 || close == name.length() - 1) {
      throw new IllegalArgumentException("malformed Clark attribute name: " + name);
    }
    String namespace = name.substring(1, close);
    String local = name.substring(close + 1);
    if (Element.XML_NAMESPACE.equals(namespace)) {
      // The xml: prefix is predeclared and no other prefix may be bound to its namespace.
      writePlainAttribute(out, "xml:" + local, value);
      return generated;
    }
    // A fresh prefix per qualified attribute keeps the writer stateless; prefixes are scoped
    // to this element, so repeating one on nested elements is harmless.
    String prefix = "ns" + (++generated);
    writeNamespace(out, prefix, namespace);
    writePlainAttribute(out, prefix + ":" + local, value);
    return generated;
  }

  private static void writeNamespace(ByteBuf out, String prefix, String namespace) {
    out.writeCharSequence(" xmlns", US_ASCII);
    if (prefix != null) {
      out.writeByte(':');
      writeName(out, prefix);
    }
    out.writeByte('=').writeByte('\'');
    writeEscaped(out, namespace, true);
    out.writeByte('\'');
  }

  /** Names come from parsed XML or code; they are written as UTF-8 without escaping. */
  private static void writeName(ByteBuf out, String name) {
    ByteBufUtil.writeUtf8(out, name);
  }

  /**
   * Writes {@code s} as UTF-8, copying runs without special characters in one call. The
   * special characters are all ASCII, so a run never splits a surrogate pair.
   */
  private static void writeEscaped(ByteBuf out, String s, boolean attribute) {
    int length = s.length();
    int runStart = 0;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c > '>') {
        continue;
      }
      String escape = escape(c, attribute);
      if (escape == null) {
        continue;
      }
      if (i > runStart) {
        ByteBufUtil.writeUtf8(out, s, runStart, i);
      }
      out.writeCharSequence(escape, US_ASCII);
      runStart = i + 1;
    }
    if (runStart == 0) {
      ByteBufUtil.writeUtf8(out, s);
    } else if (runStart < length) {
      ByteBufUtil.writeUtf8(out, s, runStart, length);
    }
  }

  private static String escape(char c, boolean attribute) {
    switch (c) {
      case '&': return "&amp;";
      case '<': return "&lt;";
      case '>': return "&gt;";
      case '\r': return "&#xD;";
      case '\'': return attribute ? "&apos;" : null;
      case '"': return attribute ? "&quot;" : null;
      // Literal tab and LF in attribute values would be normalised to spaces (XML §3.3.3).
      case '\t': return attribute ? "&#x9;" : null;
      case '\n': return attribute ? "&#xA;" : null;
      default: return null;
    }
  }
}
