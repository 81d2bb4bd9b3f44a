package io.parley.embedded.internal.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlWriter;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;

/**
 * Serializes on the event loop whatever the session core writes, so writes from other threads
 * (host interceptors) stay ordered and nothing is serialized twice.
 */
final class XmppEncoder extends MessageToByteEncoder<Object> {
  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof Stanza || msg instanceof Element || msg instanceof StreamHeader
        || msg instanceof StreamEnd || msg instanceof Whitespace;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
    if (msg instanceof Stanza s) {
      XmlWriter.writeStanza(out, s);
    } else if (msg instanceof Element e) {
      XmlWriter.writeElement(out, e, Stanza.CLIENT_NAMESPACE);
    } else if (msg instanceof StreamHeader h) {
      XmlWriter.writeStreamHeader(out, h);
    } else if (msg instanceof StreamEnd) {
      XmlWriter.writeStreamEnd(out);
    } else {
      out.writeByte(' ');
    }
  }
}
