package io.parley.jmh.load;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;

/**
 * The generator's socket transport. io_uring by default where the kernel allows it: on the shared
 * machine, every microsecond the generator spends is taken from the server, and io_uring saved the
 * generator 7-22 % of its CPU per login against epoll (BENCHMARKS.md, stop 16). The server's
 * transport is its own choice and is not affected.
 */
enum ClientTransport {
  IO_URING,
  EPOLL,
  NIO;

  /** The fastest available here: io_uring, then epoll, then NIO. */
  static ClientTransport best() {
    return IoUring.isAvailable() ? IO_URING : Epoll.isAvailable() ? EPOLL : NIO;
  }

  /** By name ({@code io_uring}, {@code epoll}, {@code nio}); fails if not available here. */
  static ClientTransport of(String name) {
    ClientTransport t = valueOf(name.toUpperCase(Locale.ROOT));
    Throwable unavailable = switch (t) {
      case IO_URING -> IoUring.unavailabilityCause();
      case EPOLL -> Epoll.unavailabilityCause();
      case NIO -> null;
    };
    if (unavailable != null) {
      throw new IllegalArgumentException(name + " is not available here", unavailable);
    }
    return t;
  }

  IoHandlerFactory ioHandlerFactory() {
    return switch (this) {
      case IO_URING -> IoUringIoHandler.newFactory();
      case EPOLL -> EpollIoHandler.newFactory();
      case NIO -> NioIoHandler.newFactory();
    };
  }

  Channel newChannel() {
    return switch (this) {
      case IO_URING -> new IoUringSocketChannel();
      case EPOLL -> new EpollSocketChannel();
      case NIO -> new NioSocketChannel();
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
