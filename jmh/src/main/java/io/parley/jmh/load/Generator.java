package io.parley.jmh.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/** The client side: event loops, the TLS context, and connecting many clients at once. */
final class Generator implements AutoCloseable {
  private final EventLoopGroup group;
  private final ClientTransport transport;
  private final InetSocketAddress server;
  private final SslContext tls;

  /**
   * The key-exchange groups clients offer by default: what Java 17 clients (Smack) and OpenSSL
   * 3.0 clients offer. BoringSSL's own default leads with the post-quantum hybrid
   * X25519MLKEM768, which the server accepts when offered and which costs both sides more.
   */
  static final List<String> CLIENT_GROUPS = List.of("X25519", "P-256");

  /**
   * @param tls whether clients use STARTTLS
   * @param transport the generator's sockets
   * @param threads the generator's event loops
   * @param tlsGroups the key-exchange groups clients offer, most preferred first (BoringSSL's
   *     names), or empty for BoringSSL's default (which leads with X25519MLKEM768)
   */
  Generator(String host, int port, boolean tls, ClientTransport transport, int threads,
      List<String> tlsGroups) throws SSLException {
    this.transport = transport;
    this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("load", true),
        transport.ioHandlerFactory());
    // The server's certificate is self-signed; the generator measures, it does not verify.
    SslContextBuilder client = SslContextBuilder.forClient()
        // Reference-counted engines: released when their connection closes, not finalized.
        .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL_REFCNT : SslProvider.JDK)
        .trustManager(InsecureTrustManagerFactory.INSTANCE)
        .protocols("TLSv1.3", "TLSv1.2");
    if (!tlsGroups.isEmpty() && OpenSsl.isAvailable()) {
      client.option(OpenSslContextOption.GROUPS, tlsGroups.toArray(String[]::new));
    }
    if (OpenSsl.isAvailable()) {
      // The certificate check runs inside the handshake, as the server's key choice does.
      client.option(OpenSslContextOption.USE_TASKS, false);
    }
    this.tls = tls ? client.build() : null;
    if (this.tls != null && this.tls.sessionContext() instanceof OpenSslSessionContext sessions) {
      // No client ever resumes (see LoadConnection), so keeping each new session would only
      // cost a call from BoringSSL into Java per ticket.
      sessions.setSessionCacheEnabled(false);
    }
    this.server = new InetSocketAddress(host, port);
  }

  LoadConnection newConnection(String username, boolean presence) {
    return new LoadConnection(username, tls, presence);
  }

  /** Connects one client; its {@code ready} future completes once it is bound (and present). */
  void connect(LoadConnection c) {
    c.startNanos = System.nanoTime();
    // By hand rather than through a Bootstrap, whose clone() copies its option and attribute
    // maps for every client and whose connect() asks the resolver again.
    Channel channel = transport.newChannel();
    channel.config().setOption(ChannelOption.TCP_NODELAY, true);
    channel.config().setOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    channel.pipeline().addLast(c);
    group.register(channel).addListener(registered -> {
      if (!registered.isSuccess()) {
        channel.unsafe().closeForcibly();
        c.ready.completeExceptionally(registered.cause());
        return;
      }
      channel.connect(server).addListener(ChannelFutureListener.CLOSE_ON_FAILURE)
          .addListener(f -> {
            if (!f.isSuccess()) {
              c.ready.completeExceptionally(f.cause());
            }
          });
    });
  }

  /**
   * Connects all, at most {@code concurrency} negotiating at once, and waits until all are ready.
   * {@code done} sees each one as it becomes ready (or fails). Each finished client starts the
   * next from its own event loop: with the main thread in between, every login also cost a
   * wake-up of that thread and one of the loop.
   *
   * @throws IllegalStateException with the first failure's cause
   */
  void connectAll(List<LoadConnection> connections, int concurrency, Consumer<LoadConnection> done)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(connections.size());
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    Runnable startNext = new Runnable() {
      @Override
      public void run() {
        int i = next.getAndIncrement();
        if (i >= connections.size()) {
          return;
        }
        LoadConnection c = connections.get(i);
        c.ready.whenComplete((ok, failure) -> {
          done.accept(c);
          finished.countDown();
          if (failure == null) {
            run();
          } else {
            firstFailure.compareAndSet(null, failure);
            // Later: a connect that fails at once completes inside connect(), and a chain of
            // them would recurse.
            group.execute(this);
          }
        });
        connect(c);
      }
    };
    for (int i = 0; i < Math.min(concurrency, connections.size()); i++) {
      startNext.run();
    }
    if (!finished.await(120 + connections.size() / 100, TimeUnit.SECONDS)) {
      throw new IllegalStateException("clients not ready: " + finished.getCount() + " left");
    }
    if (firstFailure.get() != null) {
      throw new IllegalStateException("a client failed: " + firstFailure.get(),
          firstFailure.get());
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10_000);
  }
}
