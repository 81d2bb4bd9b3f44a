package io.parley.embedded.internal.transport.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Swallows the first flush that passes it, so that what was written before leaves with the next
 * one. Put just below the {@code SslHandler} when a stream closes: that handler flushes the
 * closing tag's record and then close_notify's, each on its own, and with this they become one
 * write to the socket.
 */
final class HoldOneFlush extends ChannelOutboundHandlerAdapter {
  private boolean held;

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (held) {
      ctx.flush();
    } else {
      held = true;
    }
  }
}
