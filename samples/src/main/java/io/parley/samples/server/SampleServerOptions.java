package io.parley.samples.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sample server's command line, parsed into an immutable value. Parsing never exits the JVM:
 * it throws {@link IllegalArgumentException} with a message fit for the user, so tests can call it.
 *
 * @param accounts username to password, in the order given ({@code --demo} accounts first)
 */
public record SampleServerOptions(
    String domain,
    String bindAddress,
    int port,
    int tlsPort,
    Path dataDirectory,
    Map<String, String> accounts,
    boolean echoBot,
    boolean allowRegistration,
    boolean help) {

  public static final String USAGE = String.join("\n",
      "Usage: java -jar parley-sample-server.jar [options]",
      "  --demo                 add the accounts alice, bob and carol, password 'demo'",
      "  --user NAME:PASSWORD   add an account (repeatable)",
      "  --domain D             the XMPP domain (default localhost)",
      "  --bind ADDR            the address to listen on (default 127.0.0.1)",
      "  --port N               client port with STARTTLS (default 5222; 0 any, -1 off)",
      "  --tls-port N           direct TLS port, XEP-0368 (default 5223; 0 any, -1 off)",
      "  --data-dir DIR         where the self-signed certificate is kept (default ./parley-data)",
      "  --echo-bot             run echo@DOMAIN, which echoes chat messages back",
      "  --allow-registration   let clients create accounts in-band (XEP-0077, over TLS)",
      "  --help                 print this help");

  static final List<String> DEMO_USERS = List.of("alice", "bob", "carol");
  static final String DEMO_PASSWORD = "demo";

  public SampleServerOptions {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    accounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException for an unknown option, a missing or malformed value
   */
  public static SampleServerOptions parse(String... args) {
    String domain = "localhost";
    String bind = "127.0.0.1";
    int port = 5222;
    int tlsPort = 5223;
    Path dataDir = Path.of("parley-data");
    boolean demo = false;
    boolean echoBot = false;
    boolean allowRegistration = false;
    boolean help = false;
    List<String[]> users = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--demo" -> demo = true;
        case "--echo-bot" -> echoBot = true;
        case "--allow-registration" -> allowRegistration = true;
        case "--help", "-h" -> help = true;
        case "--domain" -> domain = nonEmpty(arg, value(args, ++i, arg));
        case "--bind" -> bind = nonEmpty(arg, value(args, ++i, arg));
        case "--port" -> port = port(arg, value(args, ++i, arg));
        case "--tls-port" -> tlsPort = port(arg, value(args, ++i, arg));
        case "--data-dir" -> dataDir = Path.of(nonEmpty(arg, value(args, ++i, arg)));
        case "--user" -> users.add(user(value(args, ++i, arg)));
        default -> throw new IllegalArgumentException("unknown option: " + arg);
      }
    }
    if (port > 0 && port == tlsPort) {
      throw new IllegalArgumentException("--port and --tls-port are both " + port);
    }
    Map<String, String> accounts = new LinkedHashMap<>();
    if (demo) {
      DEMO_USERS.forEach(u -> accounts.put(u, DEMO_PASSWORD));
    }
    // A later --user replaces a demo password, as the last word on the command line should.
    users.forEach(u -> accounts.put(u[0], u[1]));
    return new SampleServerOptions(domain, bind, port, tlsPort, dataDir, accounts, echoBot,
        allowRegistration, help);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static String nonEmpty(String option, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(option + " must not be empty");
    }
    return value;
  }

  private static int port(String option, String value) {
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " is not a number: " + value);
    }
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException(option + " must be -1 (off), 0 (any) or 1-65535: " + port);
    }
    return port;
  }

  private static String[] user(String value) {
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("--user needs NAME:PASSWORD, got: " + value);
    }
    return new String[] {value.substring(0, colon), value.substring(colon + 1)};
  }
}
