package io.parley.samples.webapp;

import io.parley.embedded.Parley;
import io.parley.embedded.servlet.ParleyBoshServlet;
import io.parley.embedded.servlet.ParleyWebSocket;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample collaboration web app: embedded Jetty 12 on loopback, with Parley in the same JVM
 * serving XMPP over WebSocket at {@code /xmpp} on the app's own port.
 *
 * <p>Run it with an optional port (default 8080; 0 for any free one); it prints one line with the
 * URL to open when ready and stops cleanly on SIGTERM.
 */
public final class WebAppServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebAppServer.class);

  /** The XMPP domain of the demo: users are alice@localhost and so on. */
  public static final String DOMAIN = "localhost";
  /** Where the page's XMPP WebSocket is. */
  public static final String WEBSOCKET_PATH = "/xmpp";
  /** Where the page falls back to BOSH when WebSocket does not work. */
  public static final String BOSH_PATH = "/http-bind";
  /** How long a login token handed to the page stays valid. */
  public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(60);

  private final Server jetty;
  private final Parley parley;
  private final String url;

  private WebAppServer(Server jetty, Parley parley, String url) {
    this.jetty = jetty;
    this.parley = parley;
    this.url = url;
  }

  /** Starts the app on 127.0.0.1 at {@code port} (0: any free port) with the demo directory. */
  public static WebAppServer start(int port) throws Exception {
    return start(port, Directory.demo());
  }

  public static WebAppServer start(int port, Directory directory) throws Exception {
    return start(port, directory, UnaryOperator.identity());
  }

  /**
   * Starts the app with further Parley options applied last (for example a TCP port for desktop
   * clients, which log in with the same tokens).
   */
  public static WebAppServer start(int port, Directory directory,
      UnaryOperator<Parley.Builder> parleyOptions) throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    // Bound before Parley is built, so that Parley can allow exactly this page's origins.
    connector.open();
    int boundPort = connector.getLocalPort();
    String url = "http://127.0.0.1:" + boundPort + "/";

    Parley parley = null;
    try {
      LoginTokens tokens = new LoginTokens(TOKEN_LIFETIME, Clock.systemUTC());
      parley = startParley(tokens, directory, boundPort, parleyOptions);
      ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
      context.setContextPath("/");
      context.getSessionHandler().setHttpOnly(true);
      context.addServlet(new ServletHolder(new AppServlet(directory, tokens)), "/");
      context.addServlet(new ServletHolder(new ParleyBoshServlet(parley)), BOSH_PATH);
      Parley xmpp = parley;
      JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
          container.addEndpoint(ParleyWebSocket.endpointConfig(xmpp, WEBSOCKET_PATH)));
      jetty.setHandler(context);
      jetty.start();
      return new WebAppServer(jetty, parley, url);
    } catch (Exception | Error e) {
      if (parley != null) {
        parley.close();
      }
      connector.close();
      throw e;
    }
  }

  private static Parley startParley(LoginTokens tokens, Directory directory, int httpPort,
      UnaryOperator<Parley.Builder> parleyOptions) {
    Parley.Builder builder = Parley.builder()
        .domain(DOMAIN)
        .tcpPort(-1)
        .directTlsPort(-1)
        // Only a TLS listener (none by default) keeps anything here: its self-signed certificate.
        .dataDirectory(Path.of(System.getProperty("java.io.tmpdir"), "parley-webapp"))
        // Loopback only: ws:// never leaves the machine. Behind a TLS proxy in production.
        .webSocketConsideredSecure(true)
        .boshConsideredSecure(true)
        // Only this app's own pages may open the WebSocket (no cross-site use of a session).
        .corsOrigins(List.of("http://127.0.0.1:" + httpPort, "http://localhost:" + httpPort))
        .authenticator(tokens::redeem)
        .rosterProvider(user -> teamRoster(directory, user));
    Parley parley = parleyOptions.apply(builder).build();
    try {
      return parley.start();
    } catch (RuntimeException e) {
      parley.close(); // a port in use: no half-started server left behind
      throw e;
    }
  }

  /** Everyone in the user's team, with a mutual subscription the user cannot change. */
  static List<RosterItem> teamRoster(Directory directory, Jid user) {
    if (!DOMAIN.equals(user.domain()) || user.local() == null) {
      return List.of();
    }
    return directory.teammatesOf(user.local()).stream()
        .map(c -> new RosterItem(Jid.of(c.username(), DOMAIN, null), c.name(),
            RosterItem.Subscription.BOTH, false, false, Set.of(c.team())))
        .toList();
  }

  /** The URL a person opens, ending in a slash. */
  public String url() {
    return url;
  }

  public int port() {
    return jetty.getURI().getPort();
  }

  public Parley parley() {
    return parley;
  }

  @Override
  public void close() {
    // Parley first, so that pages get <system-shutdown/> rather than a dropped socket.
    parley.close();
    try {
      jetty.stop();
    } catch (Exception e) {
      log.warn("stopping Jetty failed", e);
    }
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    WebAppServer app;
    try {
      app = start(port);
    } catch (IOException e) {
      System.err.println("parley-webapp: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "webapp-shutdown"));
    System.out.println("Parley web app ready: open " + app.url()
        + " and log in as alice, bob, carol (team Design) or dave (Sales), password demo");
    System.out.flush();
    stopped.await();
  }
}
