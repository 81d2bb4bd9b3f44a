package io.parley.embedded.internal.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.internal.tcnative.SSL;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {
  private static final String DOMAIN = "example.test";

  @TempDir Path dataDirectory;

  private Path certFile() {
    return dataDirectory.resolve("tls").resolve("cert.pem");
  }

  private Path keyFile() {
    return dataDirectory.resolve("tls").resolve("key.pem");
  }

  @Test
  void selfSignedCertificateIsGeneratedOnceAndReused() throws Exception {
    TlsContexts.serverContext(null, null, dataDirectory, DOMAIN);
    byte[] cert = Files.readAllBytes(certFile());
    byte[] key = Files.readAllBytes(keyFile());
    TlsContexts.serverContext(null, null, dataDirectory, DOMAIN);
    assertArrayEquals(cert, Files.readAllBytes(certFile()));
    assertArrayEquals(key, Files.readAllBytes(keyFile()));
    assertTrue(new String(key, StandardCharsets.US_ASCII).startsWith("-----BEGIN PRIVATE KEY-----"));
  }

  @Test
  void selfSignedCertificateNamesTheDomainAndItsSubdomains() throws Exception {
    TlsContexts.serverContext(null, null, dataDirectory, DOMAIN);
    X509Certificate cert = readCertificate(certFile());
    Set<String> names = cert.getSubjectAlternativeNames().stream()
        .map(entry -> (String) entry.get(1)).collect(Collectors.toSet());
    assertEquals(Set.of(DOMAIN, "*." + DOMAIN), names);
    cert.checkValidity();
    assertTrue(cert.getNotAfter().getTime() - System.currentTimeMillis()
        > 9L * 365 * 24 * 3600 * 1000);
    cert.verify(cert.getPublicKey()); // self-signed
  }

  @Test
  void privateKeyIsOwnerOnlyOnPosixFileSystems() throws Exception {
    TlsContexts.serverContext(null, null, dataDirectory, DOMAIN);
    if (keyFile().getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
          Files.getPosixFilePermissions(keyFile()));
    }
    assertFalse(Files.exists(dataDirectory.resolve("tls").resolve("key.pem.tmp")));
  }

  @Test
  void clientTrustingTheSelfSignedCertificateCompletesHandshake() throws Exception {
    SslContext server = TlsContexts.serverContext(null, null, dataDirectory, DOMAIN);
    assertHandshakeAndData(server, certFile(), "TLSv1.3");
  }

  @Test
  void hostProvidedPemFilesAreUsed() throws Exception {
    // A certificate generated elsewhere stands in for the host's files.
    Path other = Files.createDirectory(dataDirectory.resolve("other"));
    TlsContexts.serverContext(null, null, other, DOMAIN);
    Path hostKey = other.resolve("tls").resolve("key.pem");
    Path hostCert = other.resolve("tls").resolve("cert.pem");

    SslContext server = TlsContexts.serverContext(hostKey, hostCert, dataDirectory, DOMAIN);
    assertFalse(Files.exists(dataDirectory.resolve("tls")), "no self-signed certificate needed");
    assertHandshakeAndData(server, hostCert, "TLSv1.3");
  }

  @Test
  void clientTrustingAnotherCertificateFails() throws Exception {
    SslContext server = TlsContexts.serverContext(null, null, dataDirectory, DOMAIN);
    Path other = Files.createDirectory(dataDirectory.resolve("other"));
    TlsContexts.serverContext(null, null, other, DOMAIN);
    Path otherCert = other.resolve("tls").resolve("cert.pem");
    DecoderException e = assertThrows(DecoderException.class,
        () -> assertHandshakeAndData(server, otherCert, "TLSv1.3"));
    assertInstanceOf(SSLHandshakeException.class, e.getCause());
  }

  @Test
  void tls12IsStillAcceptedButNothingOlder() throws Exception {
    SslContext server = TlsContexts.serverContext(null, null, dataDirectory, DOMAIN);
    assertHandshakeAndData(server, certFile(), "TLSv1.2");
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(TlsContexts.PROTOCOLS));
  }

  @Test
  void nativeProviderIsUsedWhenItLoadsAndTheJdkOneWhenNotPreferred() throws Exception {
    // netty-tcnative-boringssl-static ships for this build's platforms; if it stops loading, the
    // server silently falls back to the slower JDK provider, which this test makes visible.
    assertTrue(OpenSsl.isAvailable(), () -> String.valueOf(OpenSsl.unavailabilityCause()));
    SslContext preferred = TlsContexts.serverContext(null, null, dataDirectory, DOMAIN, true, false);
    assertTrue(preferred.isServer());
    assertEquals(SslProvider.OPENSSL_REFCNT, TlsContexts.provider(true));
    SSLEngine engine = preferred.newEngine(ByteBufAllocator.DEFAULT);
    assertInstanceOf(ReferenceCountedOpenSslEngine.class, engine);
    ReferenceCountUtil.release(engine);
    assertHandshakeAndData(preferred, certFile(), "TLSv1.3");
    assertHandshakeAndData(preferred, certFile(), "TLSv1.2");

    SslContext jdk = TlsContexts.serverContext(null, null, dataDirectory, DOMAIN, false, false);
    assertInstanceOf(JdkSslContext.class, jdk);
    assertHandshakeAndData(jdk, certFile(), "TLSv1.3");
  }

  @Test
  void theNativeEngineRunsItsHandshakeWithoutDelegatedTasks() throws Exception {
    SslContext server = TlsContexts.serverContext(null, null, dataDirectory, DOMAIN, true, false);
    SslContext client = SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .trustManager(certFile().toFile())
        .protocols("TLSv1.3")
        .build();
    SSLEngine serverEngine = server.newEngine(ByteBufAllocator.DEFAULT);
    SSLEngine clientEngine = client.newEngine(ByteBufAllocator.DEFAULT, DOMAIN, 5222);
    try {
      assertEquals(0, handshakeCountingTasks(clientEngine, serverEngine));
      assertEquals("TLSv1.3", serverEngine.getSession().getProtocol());
    } finally {
      ReferenceCountUtil.release(serverEngine);
    }
  }

  @Test
  void noSessionTicketsByDefaultSoAReturningClientHandshakesInFull() throws Exception {
    SslContext server = TlsContexts.serverContext(null, null, dataDirectory, DOMAIN);
    SslContext client = resumingClient();
    try {
      assertFalse(connectAndTellWhetherResumed(server, client), "first connection");
      assertFalse(connectAndTellWhetherResumed(server, client), "no ticket to resume with");
    } finally {
      ReferenceCountUtil.release(client);
      ReferenceCountUtil.release(server);
    }
    assertEquals(0, ((ReferenceCounted) server).refCnt(), "released through the wrapper");
  }

  @Test
  void withSessionTicketsAReturningClientResumes() throws Exception {
    SslContext server = TlsContexts.serverContext(null, null, dataDirectory, DOMAIN, true, true);
    SslContext client = resumingClient();
    try {
      assertFalse(connectAndTellWhetherResumed(server, client), "first connection");
      assertTrue(connectAndTellWhetherResumed(server, client), "resumed from the ticket");
    } finally {
      ReferenceCountUtil.release(client);
      ReferenceCountUtil.release(server);
    }
  }

  @Test
  void nativeContextsGiveEachConnectionTheSmallNonApplicationBuffer() {
    SslContext withoutTickets = TlsContexts.serverContext(null, null, dataDirectory, DOMAIN);
    SslContext withTickets =
        TlsContexts.serverContext(null, null, dataDirectory, DOMAIN, true, true);
    try {
      assertEquals(TlsContexts.NON_APPLICATION_BUFFER,
          ((WithoutTickets) withoutTickets).wrapped().getBioNonApplicationBufferSize());
      assertEquals(TlsContexts.NON_APPLICATION_BUFFER,
          ((ReferenceCountedOpenSslContext) withTickets).getBioNonApplicationBufferSize());
    } finally {
      ReferenceCountUtil.release(withoutTickets);
      ReferenceCountUtil.release(withTickets);
    }
  }

  /** A BoringSSL TLS 1.3 client that keeps its sessions per host and port, as a browser does. */
  private SslContext resumingClient() throws Exception {
    return SslContextBuilder.forClient()
        .sslProvider(SslProvider.OPENSSL_REFCNT)
        .trustManager(certFile().toFile())
        .protocols("TLSv1.3")
        .build();
  }

  /**
   * Connects a client of {@code client} to {@code server}, exchanges a line each way (which
   * carries any session tickets to the client), and says whether the handshake resumed.
   */
  private static boolean connectAndTellWhetherResumed(SslContext server, SslContext client) {
    SslHandler serverSsl = server.newHandler(ByteBufAllocator.DEFAULT);
    SslHandler clientSsl = client.newHandler(ByteBufAllocator.DEFAULT, DOMAIN, 5222);
    EmbeddedChannel serverChannel = new EmbeddedChannel(serverSsl);
    EmbeddedChannel clientChannel = new EmbeddedChannel(clientSsl);
    try {
      handshake(clientChannel, clientSsl, serverChannel, serverSsl);
      clientChannel.writeOutbound(Unpooled.copiedBuffer("<stream>", StandardCharsets.UTF_8));
      shuttle(clientChannel, serverChannel);
      ReferenceCountUtil.release(serverChannel.readInbound());
      serverChannel.writeOutbound(Unpooled.copiedBuffer("<stream>", StandardCharsets.UTF_8));
      shuttle(serverChannel, clientChannel);
      ReferenceCountUtil.release(clientChannel.readInbound());
      return SSL.isSessionReused(((ReferenceCountedOpenSslEngine) clientSsl.engine()).sslPointer());
    } finally {
      clientChannel.finishAndReleaseAll();
      serverChannel.finishAndReleaseAll();
    }
  }

  /** Handshakes two engines by hand; returns the delegated tasks the server's engine asked for. */
  private static int handshakeCountingTasks(SSLEngine client, SSLEngine server)
      throws Exception {
    ByteBuffer toServer = ByteBuffer.allocate(64 * 1024);
    ByteBuffer toClient = ByteBuffer.allocate(64 * 1024);
    ByteBuffer app = ByteBuffer.allocate(64 * 1024);
    ByteBuffer none = ByteBuffer.allocate(0);
    int serverTasks = 0;
    client.beginHandshake();
    server.beginHandshake();
    for (int i = 0; i < 100; i++) {
      if (handshakeDone(client) && handshakeDone(server)) {
        return serverTasks;
      }
      client.wrap(none, toServer);
      runTasks(client);
      toServer.flip();
      server.unwrap(toServer, app);
      toServer.compact();
      serverTasks += runTasks(server);
      server.wrap(none, toClient);
      serverTasks += runTasks(server);
      toClient.flip();
      client.unwrap(toClient, app);
      toClient.compact();
      runTasks(client);
      app.clear();
    }
    throw new AssertionError("the handshake did not finish");
  }

  private static boolean handshakeDone(SSLEngine engine) {
    SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
    return status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
        || status == SSLEngineResult.HandshakeStatus.FINISHED;
  }

  private static int runTasks(SSLEngine engine) {
    int n = 0;
    for (Runnable task; (task = engine.getDelegatedTask()) != null; n++) {
      task.run();
    }
    return n;
  }

  @Test
  void unreadableFilesFailWithClearMessage() throws Exception {
    Path missing = dataDirectory.resolve("missing.pem");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TlsContexts.serverContext(missing, missing, dataDirectory, DOMAIN));
    assertTrue(e.getMessage().contains("missing.pem"), e.getMessage());

    Path garbage = Files.writeString(dataDirectory.resolve("garbage.pem"), "not a key");
    e = assertThrows(IllegalStateException.class,
        () -> TlsContexts.serverContext(garbage, garbage, dataDirectory, DOMAIN));
    assertTrue(e.getMessage().contains("garbage.pem"), e.getMessage());

    assertThrows(IllegalArgumentException.class,
        () -> TlsContexts.serverContext(garbage, null, dataDirectory, DOMAIN));
  }

  private static X509Certificate readCertificate(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** Handshakes two EmbeddedChannels by shuttling their bytes, then sends a line through. */
  private static void assertHandshakeAndData(SslContext serverContext, Path trusted,
      String protocol) throws Exception {
    SslContext clientContext = SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .trustManager(trusted.toFile())
        .protocols(protocol)
        .endpointIdentificationAlgorithm("HTTPS") // checks the SAN against DOMAIN
        .build();
    SslHandler serverSsl = serverContext.newHandler(ByteBufAllocator.DEFAULT);
    SslHandler clientSsl = clientContext.newHandler(ByteBufAllocator.DEFAULT, DOMAIN, 5222);
    EmbeddedChannel serverChannel = new EmbeddedChannel(serverSsl);
    EmbeddedChannel clientChannel = new EmbeddedChannel(clientSsl);
    try {
      handshake(clientChannel, clientSsl, serverChannel, serverSsl);
      assertTrue(serverSsl.handshakeFuture().isSuccess());
      assertEquals(protocol, serverSsl.engine().getSession().getProtocol());

      clientChannel.writeOutbound(Unpooled.copiedBuffer("<stream>", StandardCharsets.UTF_8));
      shuttle(clientChannel, serverChannel);
      ByteBuf received = serverChannel.readInbound();
      assertEquals("<stream>", received.toString(StandardCharsets.UTF_8));
      received.release();
    } finally {
      clientChannel.finishAndReleaseAll();
      serverChannel.finishAndReleaseAll();
    }
  }

  /** Shuttles bytes both ways until both handshakes end; the client's must have succeeded. */
  private static void handshake(EmbeddedChannel clientChannel, SslHandler clientSsl,
      EmbeddedChannel serverChannel, SslHandler serverSsl) {
    for (int i = 0; i < 20 && !(clientSsl.handshakeFuture().isDone()
        && serverSsl.handshakeFuture().isDone()); i++) {
      shuttle(clientChannel, serverChannel);
      shuttle(serverChannel, clientChannel);
    }
    assertTrue(clientSsl.handshakeFuture().isSuccess(), () -> String.valueOf(
        clientSsl.handshakeFuture().cause()));
  }

  private static void shuttle(EmbeddedChannel from, EmbeddedChannel to) {
    for (ByteBuf buf; (buf = from.readOutbound()) != null; ) {
      to.writeInbound(buf);
    }
  }
}
