package io.parley.embedded.internal.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/**
 * Serializes on the event loop what the session core writes, one text frame per element, so
 * writes from other threads (host interceptors) stay ordered. Stateless.
 */
@Sharable
final class WebSocketEncoder extends MessageToMessageEncoder<Object> {
  static final WebSocketEncoder INSTANCE = new WebSocketEncoder();

  @Override
  public boolean acceptOutboundMessage(Object msg) {
    return WebSocketMessages.isMessage(msg);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
    ByteBuf text = ctx.alloc().buffer();
    try {
      WebSocketMessages.encode(msg, text);
    } catch (RuntimeException e) {
      text.release();
      throw e;
    }
    out.add(new TextWebSocketFrame(text));
  }
}
