package io.parley.embedded.internal.stream;

import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a transport marks where a client stream starts, restarts and ends. The negotiation in
 * {@link C2sStream} is the same for all; only these markers differ. A transport whose stream
 * markers are not elements of their own (XEP-0206 BOSH, where they are attributes of the
 * {@code <body/>} wrapper) hands the core a {@link StreamHeader} built from them and a stream end,
 * just as the XML stream parser does for TCP.
 */
public enum StreamFraming {
  /** RFC 6120 §4: one XML document per stream, {@code <stream:stream>} … {@code </stream:stream>}. */
  XML_STREAM,
  /**
   * RFC 7395 §3.3: {@code <open/>} and {@code <close/>} in {@link #FRAMING_NAMESPACE}, and every
   * element a document of its own; a restart is a new {@code <open/>} (§3.3.4).
   */
  WEBSOCKET,
  /**
   * XEP-0206: the stream's start and restarts are attributes of BOSH {@code <body/>} wrappers
   * ({@code xmpp:version}, {@code xmpp:restart}); the transport turns them into a
   * {@link StreamHeader} in the XML_STREAM shape, and the end is {@code type='terminate'}.
   */
  BOSH;

  /** The namespace of RFC 7395's {@code <open/>} and {@code <close/>}. */
  public static final String FRAMING_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-framing";

  /** Whether a received header opens a client stream in this framing (else invalid-namespace). */
  boolean acceptsHeader(StreamHeader header) {
    return switch (this) {
      case XML_STREAM, BOSH -> StreamHeader.STREAMS_NAMESPACE.equals(header.namespace())
          && "stream".equals(header.localName())
          && Stanza.CLIENT_NAMESPACE.equals(header.defaultNamespace());
      case WEBSOCKET -> FRAMING_NAMESPACE.equals(header.namespace())
          && "open".equals(header.localName());
    };
  }

  /** The server's header in this framing, with the given attributes. */
  StreamHeader serverHeader(Map<String, String> attributes) {
    return switch (this) {
      case XML_STREAM, BOSH -> new StreamHeader("stream", "stream", StreamHeader.STREAMS_NAMESPACE,
          Stanza.CLIENT_NAMESPACE, attributes);
      case WEBSOCKET -> new StreamHeader("", "open", FRAMING_NAMESPACE, FRAMING_NAMESPACE,
          attributes);
    };
  }

  /** Whether stream markers arrive as elements among the others (RFC 7395). */
  boolean markersAreElements() {
    return this == WEBSOCKET;
  }

  /** A received element read as a stream header (to validate it like one). */
  static StreamHeader headerOf(Element e) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0, n = e.attributeCount(); i < n; i++) {
      attributes.put(e.attributeName(i), e.attributeValue(i));
    }
    return new StreamHeader("", e.name(), e.namespace(), e.namespace(), attributes);
  }

  /** RFC 7395 §3.3.2: {@code <open/>} as written, from the server's header. */
  public static Element openElement(StreamHeader header) {
    Element.Builder open = Element.builder("open", FRAMING_NAMESPACE);
    header.attributes().forEach(open::attribute);
    return open.build();
  }

  /** RFC 7395 §3.6: {@code <close/>}, with a {@code see-other-uri} if not null. */
  public static Element closeElement(String seeOtherUri) {
    Element.Builder close = Element.builder("close", FRAMING_NAMESPACE);
    if (seeOtherUri != null) {
      close.attribute("see-other-uri", seeOtherUri);
    }
    return close.build();
  }
}
