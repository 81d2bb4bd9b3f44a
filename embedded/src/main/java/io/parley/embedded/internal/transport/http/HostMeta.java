package io.parley.embedded.internal.transport.http;

import io.netty.buffer.ByteBuf;
import io.parley.embedded.internal.xml.XmlWriter;
import io.parley.spi.stanza.Element;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * XEP-0156 §3 discovery documents: {@code /.well-known/host-meta} as an XRD (RFC 6415) and
 * {@code /.well-known/host-meta.json} as a JRD, each listing the alternative connection methods.
 *
 * <pre>{@code
 * <XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
 *   <Link rel='urn:xmpp:alt-connections:websocket' href='wss://example.com:5281/xmpp-websocket'/>
 * </XRD>
 * }</pre>
 */
final class HostMeta {
  static final String XRD_NAMESPACE = "http://docs.oasis-open.org/ns/xri/xrd-1.0";
  static final String WEBSOCKET = "urn:xmpp:alt-connections:websocket";
  /** For BOSH, when it comes (XEP-0206). */
  static final String BOSH = "urn:xmpp:alt-connections:xbosh";

  /** One advertised connection method. */
  record Link(String rel, String href) {}

  private HostMeta() {}

  static void writeXrd(List<Link> links, ByteBuf out) {
    Element.Builder xrd = Element.builder("XRD", XRD_NAMESPACE);
    for (Link l : links) {
      xrd.child(Element.builder("Link", XRD_NAMESPACE)
          .attribute("rel", l.rel()).attribute("href", l.href()).build());
    }
    XmlWriter.writeElement(out, xrd.build(), "");
  }

  static void writeJrd(List<Link> links, ByteBuf out) {
    StringBuilder json = new StringBuilder("{\"links\":[");
    for (int i = 0; i < links.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"rel\":");
      jsonString(json, links.get(i).rel());
      json.append(",\"href\":");
      jsonString(json, links.get(i).href());
      json.append('}');
    }
    json.append("]}");
    out.writeCharSequence(json, StandardCharsets.UTF_8);
  }

  private static void jsonString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        // Escaped also where HTML would see them, so a page embedding the JSON stays safe.
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
