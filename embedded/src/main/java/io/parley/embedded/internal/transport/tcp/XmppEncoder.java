package io.parley.embedded.internal.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.MessageToByteEncoder;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.xml.SerializedElement;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlWriter;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;

/**
 * Serializes on the event loop whatever the session core writes, so writes from other threads
 * (host interceptors) stay ordered and nothing is serialized twice. A prepared stanza's delivery
 * becomes two buffers: a small head with this recipient's {@code to}, and a retained view of the
 * serialization every recipient shares (never copied per connection).
 */
final class XmppEncoder extends MessageToByteEncoder<Object> {
  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return msg instanceof Stanza || msg instanceof Element || msg instanceof SerializedElement
        || msg instanceof StreamHeader || msg instanceof StreamEnd || msg instanceof Whitespace;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof PreparedStanza.Addressed delivery) {
      PreparedStanza prepared = delivery.prepared();
      ByteBuf body = prepared.body();
      String to = delivery.to().toString();
      ByteBuf head = ctx.alloc().ioBuffer(16 + to.length() * 3);
      XmlWriter.writeStanzaHead(head, prepared.template().elementName(), delivery.to());
      // The head's outcome shows in the body's promise: a failed write fails the channel.
      ctx.write(head, ctx.voidPromise());
      ctx.write(body.retainedDuplicate(), promise);
    } else {
      super.write(ctx, msg, promise);
    }
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, ByteBuf out) {
    if (msg instanceof Stanza s) {
      XmlWriter.writeStanza(out, s);
    } else if (msg instanceof Element e) {
      XmlWriter.writeElement(out, e, Stanza.CLIENT_NAMESPACE);
    } else if (msg instanceof SerializedElement e) {
      e.writeTo(out);
    } else if (msg instanceof StreamHeader h) {
      XmlWriter.writeStreamHeader(out, h);
    } else if (msg instanceof StreamEnd) {
      XmlWriter.writeStreamEnd(out);
    } else {
      out.writeByte(' ');
    }
  }
}
