package io.parley.embedded.internal.tls;

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
      // JDK provider: netty-tcnative is not a dependency, so OpenSSL is never available here.
      return SslContextBuilder.forServer(certificatePem.toFile(), keyPem.toFile())
          .sslProvider(SslProvider.JDK)
          .protocols(PROTOCOLS)
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalStateException("Cannot use the TLS key " + keyPem + " with the certificate "
          + certificatePem + ": " + e.getMessage(), e);
    }
  }

  private static void checkReadable(Path file, String what) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalStateException("Cannot read the " + what + " file " + file);
    }
  }
}
