package io.parley.embedded.internal.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.parley.embedded.internal.stream.StreamFraming;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlWriter;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;

/**
 * What the session core writes, as RFC 7395 messages: each one a standalone document declaring
 * its namespaces (§3.3.2), the header as {@code <open/>} and the end as {@code <close/>}. Shared
 * by the Netty and the servlet adapter.
 */
public final class WebSocketMessages {
  private WebSocketMessages() {}

  /** The stream end, with an optional {@code see-other-uri} (RFC 7395 §3.6.1). */
  public record Close(String seeOtherUri) {}

  /** Whether {@code msg} is something {@link #encode} writes. */
  public static boolean isMessage(Object msg) {
    return msg instanceof Stanza || msg instanceof Element || msg instanceof StreamHeader
        || msg instanceof Close;
  }

  /** Writes one message's UTF-8 text into {@code out}. */
  public static void encode(Object msg, ByteBuf out) {
    if (msg instanceof Stanza s) {
      XmlWriter.writeStandaloneStanza(out, s);
    } else if (msg instanceof Element e) {
      XmlWriter.writeStandaloneElement(out, e);
    } else if (msg instanceof StreamHeader h) {
      XmlWriter.writeStandaloneElement(out, StreamFraming.openElement(h));
    } else if (msg instanceof Close c) {
      XmlWriter.writeStandaloneElement(out, StreamFraming.closeElement(c.seeOtherUri()));
    } else {
      throw new IllegalArgumentException("not an XMPP message: " + msg);
    }
  }
}
