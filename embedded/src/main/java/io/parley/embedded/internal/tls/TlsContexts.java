package io.parley.embedded.internal.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** Builds the server's TLS context. */
public final class TlsContexts {
  /** RFC 9325 §4.1: nothing older than TLS 1.2. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /**
   * The native buffer netty-tcnative gives each BoringSSL connection for what TLS writes while
   * reading (the server's handshake flight, alerts), kept for the connection's life: 2048 bytes
   * by default, most of an idle session's native memory after the handshake. A larger write is
   * not lost: BoringSSL is told to retry, the engine asks for a wrap that moves the buffered bytes
   * out, and the handshake goes on; that costs a few more wrap calls per handshake only.
   */
  static final int NON_APPLICATION_BUFFER = 256;

  private TlsContexts() {}

  /**
   * A server context from the host's PEM key and certificate chain or, when both are null, from a
   * self-signed certificate for {@code domain} that is generated on first use and kept under
   * {@code dataDirectory/tls/} for later starts.
   *
   * <p>Blocks (file I/O, maybe key generation): call it at start-up, not on an event loop. The
   * returned context is immutable and may be shared by all connections.
   *
   * @param keyPem a PKCS#8 private key ({@code BEGIN PRIVATE KEY}), or null
   * @param certificatePem the certificate chain, leaf first, or null
   * @throws IllegalArgumentException if only one of the two files is given
   * @throws IllegalStateException if a file is missing or unreadable, or holds no valid key or
   *     certificate
   */
  public static SslContext serverContext(Path keyPem, Path certificatePem, Path dataDirectory,
      String domain) {
    return serverContext(keyPem, certificatePem, dataDirectory, domain, true, false);
  }

  /**
   * As {@link #serverContext(Path, Path, Path, String)}, choosing the provider: with
   * {@code preferNative}, BoringSSL through netty-tcnative when it loads on this platform (it
   * needs less CPU per handshake and per record than the JDK's provider), else the JDK's. With
   * BoringSSL, {@code sessionTickets} says whether TLS 1.3 session tickets are sent; the JDK's
   * provider decides that by its own system property.
   */
  public static SslContext serverContext(Path keyPem, Path certificatePem, Path dataDirectory,
      String domain, boolean preferNative, boolean sessionTickets) {
    if ((keyPem == null) != (certificatePem == null)) {
      throw new IllegalArgumentException(
          "Give both a TLS key and a certificate chain, or neither for a self-signed certificate");
    }
    if (keyPem == null) {
      Path dir = SelfSignedCertificates.ensure(dataDirectory, domain);
      keyPem = dir.resolve(SelfSignedCertificates.KEY_FILE);
      certificatePem = dir.resolve(SelfSignedCertificates.CERT_FILE);
    }
    checkReadable(keyPem, "TLS private key");
    checkReadable(certificatePem, "TLS certificate chain");
    try {
      SslProvider provider = provider(preferNative);
      SslContextBuilder builder = SslContextBuilder.forServer(certificatePem.toFile(),
              keyPem.toFile())
          .sslProvider(provider)
          .protocols(PROTOCOLS);
      if (provider == SslProvider.OPENSSL_REFCNT) {
        // The handshake's callbacks (choosing the key) run inside it, on the event loop, where
        // a delegated task ran anyway: as a task, each one made the engine return and be called
        // again. Small (about 1 % of a login's CPU, within the benchmark's spread), but free.
        builder.option(OpenSslContextOption.USE_TASKS, false);
      }
      SslContext context = builder.build();
      if (!(context instanceof ReferenceCountedOpenSslContext openSsl)) {
        return context;
      }
      openSsl.setBioNonApplicationBufferSize(NON_APPLICATION_BUFFER);
      return sessionTickets ? openSsl : new WithoutTickets(openSsl);
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException("Cannot use the TLS key " + keyPem + " with the certificate "
          + certificatePem + ": " + e.getMessage(), e);
    }
  }

  /** The provider a context gets: native when preferred and it loads, else the JDK's. */
  public static SslProvider provider(boolean preferNative) {
    // OpenSsl.isAvailable() loads the library once; an unsupported platform just says no.
    // Reference-counted engines: SslHandler releases each when its connection ends, so no
    // Finalizer is registered per connection (about 50 bytes of heap per session, and GC work).
    return preferNative && OpenSsl.isAvailable() ? SslProvider.OPENSSL_REFCNT : SslProvider.JDK;
  }

  private static void checkReadable(Path file, String what) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalStateException("Cannot read the " + what + " file " + file);
    }
  }
}
