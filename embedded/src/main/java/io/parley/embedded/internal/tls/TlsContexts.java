package io.parley.embedded.internal.tls;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;

/** Builds the server's TLS context. */
public final class TlsContexts {
  private TlsContexts() {}

  /**
   * A server context from the host's PEM key and certificate chain or, when both are null, from a
   * self-signed certificate for {@code domain} that is generated on first use and kept under
   * {@code dataDirectory/tls/} for later starts.
   */
  public static SslContext serverContext(Path keyPem, Path certificatePem, Path dataDirectory,
      String domain) {
    throw new UnsupportedOperationException("TODO");
  }
}
