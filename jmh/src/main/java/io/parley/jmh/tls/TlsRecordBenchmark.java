package io.parley.jmh.tls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.parley.embedded.internal.tls.TlsContexts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The TLS record path of one stanza on an established TLS 1.3 connection: the sender's
 * {@link SslHandler} wraps it into a record, the receiver's unwraps it, with the server context
 * Parley builds ({@link TlsContexts}). {@code provider} compares the JDK's engine with BoringSSL
 * (netty-tcnative); {@code handshake} measures a whole handshake instead (the login path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TlsRecordBenchmark {
  /** A short chat message, a typical one with extensions, a large roster push. */
  @Param({"200", "1000", "8000"})
  public int stanzaBytes;

  @Param({"JDK", "OPENSSL"})
  public String provider;

  private SslContext serverContext;
  private SslContext clientContext;
  private EmbeddedChannel client;
  private EmbeddedChannel server;
  private byte[] stanza;
  private Path data;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    boolean openssl = provider.equals("OPENSSL");
    if (openssl && !OpenSsl.isAvailable()) {
      throw new IllegalStateException("netty-tcnative is not available here");
    }
    data = Files.createTempDirectory("parley-tls-bench");
    serverContext = TlsContexts.serverContext(null, null, data, "localhost", openssl, false);
    clientContext = SslContextBuilder.forClient()
        .sslProvider(openssl ? SslProvider.OPENSSL : SslProvider.JDK)
        .trustManager(InsecureTrustManagerFactory.INSTANCE)
        .protocols("TLSv1.3")
        .build();
    stanza = new byte[stanzaBytes];
    java.util.Arrays.fill(stanza, (byte) 'x');
    connect();
  }

  private void connect() {
    client = new EmbeddedChannel(clientContext.newHandler(PooledByteBufAllocator.DEFAULT));
    server = new EmbeddedChannel(serverContext.newHandler(PooledByteBufAllocator.DEFAULT));
    for (int i = 0; i < 20 && !(handshakeDone(client) && handshakeDone(server)); i++) {
      shuttle(client, server);
      shuttle(server, client);
    }
    if (!handshakeDone(client) || !handshakeDone(server)) {
      throw new IllegalStateException("handshake did not finish");
    }
    drainInbound(client);
    drainInbound(server);
  }

  private static boolean handshakeDone(EmbeddedChannel ch) {
    return ch.pipeline().get(SslHandler.class).handshakeFuture().isSuccess();
  }

  /** Moves what {@code from} wrote into {@code to}; returns the bytes moved. */
  private static int shuttle(EmbeddedChannel from, EmbeddedChannel to) {
    int n = 0;
    ByteBuf out;
    while ((out = from.readOutbound()) != null) {
      n += out.readableBytes();
      to.writeInbound(out);
    }
    return n;
  }

  private static int drainInbound(EmbeddedChannel ch) {
    int n = 0;
    ByteBuf in;
    while ((in = ch.readInbound()) != null) {
      n += in.readableBytes();
      in.release();
    }
    return n;
  }

  /** One stanza client to server: wrap, then unwrap. Returns the plaintext bytes received. */
  @Benchmark
  public int record() {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(stanza.length);
    buf.writeBytes(stanza);
    client.writeAndFlush(buf);
    shuttle(client, server);
    int n = drainInbound(server);
    if (n != stanza.length) {
      throw new IllegalStateException("received " + n + " of " + stanza.length);
    }
    return n;
  }

  /** A whole TLS 1.3 handshake (ECDHE, the server's ECDSA P-256 certificate), no resumption. */
  @Benchmark
  public boolean handshake() {
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
    connect();
    return handshakeDone(server);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
    try (var files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
