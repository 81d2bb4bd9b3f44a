package io.parley.samples.server;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.Parley;
import io.parley.samples.bot.EchoBot;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-alone XMPP server built from Parley, for trying it with real clients and for running
 * under a service manager: it prints one line when ready and stops cleanly on SIGTERM.
 */
public final class SampleServer {
  private static final Logger log = LoggerFactory.getLogger(SampleServer.class);

  /** Exit code for a bad command line, the convention of most Unix tools. */
  static final int EXIT_USAGE = 2;
  static final int EXIT_FAILURE = 1;

  private SampleServer() {}

  public static void main(String[] args) {
    SampleServerOptions options;
    try {
      options = SampleServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      usageError(e.getMessage());
      return;
    }
    if (options.help()) {
      System.out.println(SampleServerOptions.USAGE);
      return;
    }
    Parley parley;
    try {
      parley = start(options);
    } catch (IllegalArgumentException e) {
      // An invalid domain or username is a command-line mistake too.
      usageError(e.getMessage());
      return;
    } catch (RuntimeException e) {
      // An operator needs the reason (a port in use), not a stack trace; debug logging has it.
      log.debug("cannot start", e);
      Throwable cause = e.getCause();
      System.err.println("parley-sample-server: cannot start: " + e.getMessage()
          + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"));
      System.exit(EXIT_FAILURE);
      return;
    }
    // Parley's threads are daemons, so main must stay alive until the shutdown hook has run.
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      parley.close(); // clients receive <system-shutdown/>
      stopped.countDown();
    }, "parley-shutdown"));
    System.out.println(readyLine(parley, options));
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Builds and starts the server the options describe, with the echo bot if asked for. The caller
   * owns the result: {@link Parley#close()} also ends the bot's session.
   *
   * @throws IllegalArgumentException for an invalid domain or account name
   */
  public static Parley start(SampleServerOptions options) {
    InMemoryCredentialStore users = new InMemoryCredentialStore();
    options.accounts().forEach(users::addUser);
    Parley parley = Parley.builder()
        .domain(options.domain())
        .bindAddress(options.bindAddress())
        .tcpPort(options.port())
        .directTlsPort(options.tlsPort())
        .dataDirectory(options.dataDirectory())
        .credentials(users)
        .allowRegistration(options.allowRegistration())
        .build();
    try {
      parley.start();
      if (options.echoBot()) {
        EchoBot.start(parley);
      }
    } catch (RuntimeException e) {
      parley.close();
      throw e;
    }
    return parley;
  }

  /** The one line printed when the server is ready, with the ports actually bound. */
  static String readyLine(Parley parley, SampleServerOptions options) {
    StringBuilder line = new StringBuilder("Parley ready: domain ").append(parley.domain());
    line.append(", c2s ").append(endpoint(options.bindAddress(), parley.tcpPort()));
    if (parley.tcpPort() >= 0) {
      line.append(" (STARTTLS)");
    }
    line.append(", direct TLS ").append(endpoint(options.bindAddress(), parley.directTlsPort()));
    line.append(options.accounts().isEmpty() ? ", no accounts" : ", accounts ")
        .append(String.join(", ", options.accounts().keySet()));
    if (options.echoBot()) {
      line.append(", echo bot echo@").append(parley.domain().domain());
    }
    if (options.allowRegistration()) {
      line.append(", in-band registration on");
    }
    return line.toString();
  }

  private static String endpoint(String address, int port) {
    if (port < 0) {
      return "off";
    }
    // An IPv6 literal needs brackets before the port.
    return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
  }

  private static void usageError(String message) {
    System.err.println("parley-sample-server: " + message);
    System.err.println("Try --help.");
    System.exit(EXIT_USAGE);
  }
}
