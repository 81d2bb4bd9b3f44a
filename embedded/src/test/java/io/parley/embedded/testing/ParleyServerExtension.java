package io.parley.embedded.testing;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.Parley;
import java.io.IOException;
import java.net.InetAddress;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Starts a real Parley on loopback, on ports the OS chooses (port 0), for end-to-end tests, with
 * accounts alice, bob and carol (password {@code pw}) and a fresh data directory.
 */
public final class ParleyServerExtension
    implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  public static final String DOMAIN = "localhost";
  public static final String PASSWORD = "pw";

  private final Consumer<Parley.Builder> customize;
  private final List<XMPPTCPConnection> clients = new CopyOnWriteArrayList<>();
  private Parley parley;
  private Path dataDir;

  public ParleyServerExtension(Consumer<Parley.Builder> customize) {
    this.customize = customize;
  }

  public ParleyServerExtension() {
    this(b -> { });
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("parley-e2e");
    Parley.Builder b = Parley.builder()
        .domain(DOMAIN)
        .bindAddress("127.0.0.1")
        .tcpPort(0)
        .directTlsPort(0)
        .dataDirectory(dataDir)
        .credentials(new InMemoryCredentialStore()
            .addUser("alice", PASSWORD)
            .addUser("bob", PASSWORD)
            .addUser("carol", PASSWORD));
    customize.accept(b);
    parley = b.build().start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.forEach(XMPPTCPConnection::disconnect);
    clients.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (parley != null) {
      parley.close();
    }
    try (var paths = Files.walk(dataDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  public Parley parley() {
    return parley;
  }

  public int tcpPort() {
    return parley.tcpPort();
  }

  public int directTlsPort() {
    return parley.directTlsPort();
  }

  /**
   * A Smack configuration for this server: loopback, its client port, STARTTLS required, trusting
   * exactly its certificate. Tests add the account and whatever else they need.
   */
  public XMPPTCPConnectionConfiguration.Builder smack() throws XmppStringprepException {
    return XMPPTCPConnectionConfiguration.builder()
        .setXmppDomain(DOMAIN)
        .setHostAddress(InetAddress.getLoopbackAddress())
        .setPort(tcpPort())
        .setSecurityMode(SecurityMode.required)
        .setCustomX509TrustManager(trustManager());
  }

  /** {@link #smack()} for one of the accounts (password {@value #PASSWORD}) and resource. */
  public XMPPTCPConnectionConfiguration.Builder smack(String user, String resource)
      throws XmppStringprepException {
    return smack().setUsernameAndPassword(user, PASSWORD).setResource(resource);
  }

  /**
   * Connects a Smack client (not logged in) with a 10 s reply timeout; it is disconnected after
   * the test.
   */
  public XMPPTCPConnection connect(XMPPTCPConnectionConfiguration config) throws Exception {
    XMPPTCPConnection c = new XMPPTCPConnection(config);
    c.setReplyTimeout(10_000);
    clients.add(c);
    c.connect();
    return c;
  }

  /** Logs one of the accounts in over STARTTLS with SCRAM-SHA-1; disconnected after the test. */
  public XMPPTCPConnection login(String user, String resource) throws Exception {
    XMPPTCPConnection c = connect(smack(user, resource).addEnabledSaslMechanism("SCRAM-SHA-1")
        .build());
    c.login();
    return c;
  }

  /** Trusts exactly the certificate the server generated in its data directory. */
  public X509TrustManager trustManager() {
    try (InputStream in = Files.newInputStream(dataDir.resolve("tls/cert.pem"))) {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(in);
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      ks.setCertificateEntry("parley", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return (X509TrustManager) tmf.getTrustManagers()[0];
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public SSLContext sslContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new javax.net.ssl.TrustManager[] {trustManager()}, null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
