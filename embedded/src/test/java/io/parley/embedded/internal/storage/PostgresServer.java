package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for the tests of one JVM: {@code initdb} in a temporary
 * directory, {@code pg_ctl start} on a free loopback port (no Unix socket outside that
 * directory), trust authentication for the superuser {@code parley}; stopped and deleted when the
 * JVM exits. Binaries come from {@code /usr/lib/postgresql/<version>/bin} (Debian's
 * {@code postgresql} package; {@code .ci/run} installs it). When running as root, PostgreSQL's
 * own tools refuse to run, so they run as the {@code postgres} OS user through {@code runuser}.
 *
 * <p>Missing binaries fail the test with a message, unless {@code -Dparley.test.postgres=skip}
 * is given: CI must never skip PostgreSQL silently.
 */
public final class PostgresServer {
  private static final String USER = "parley";
  private static PostgresServer instance;

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresServer(Path bin, Path dataDir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The JVM's server, started on first use. */
  public static synchronized PostgresServer get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "postgres-stop"));
    }
    return instance;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String user() {
    return USER;
  }

  private static PostgresServer start() {
    Path bin = findBinaries();
    if (bin == null) {
      String message = "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin: install"
          + " Debian's postgresql package (.ci/run does), or pass -Dparley.test.postgres=skip";
      if ("skip".equals(System.getProperty("parley.test.postgres"))) {
        Assumptions.abort(message);
      }
      fail(message);
    }
    try {
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("parley-pg");
      if (root) {
        UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByName("postgres");
        Files.setOwner(dir, postgres);
      }
      Path data = dir.resolve("data");
      int port = freePort();
      PostgresServer server = new PostgresServer(bin, dir, port, root);
      server.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
          "-A", "trust", "-E", "UTF8", "--no-sync"));
      // -F: no fsync (a test cluster); -k: the socket stays inside the temporary directory.
      server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
          "-t", "60", "-l", dir.resolve("log").toString(), "-o",
          "-F -p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"));
      return server;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("could not start PostgreSQL: " + e.getMessage(), e);
    }
  }

  private void stop() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(),
          "-m", "immediate", "-w", "stop"));
    } catch (IOException | InterruptedException | IllegalStateException e) {
      // The JVM is exiting; the directory goes anyway.
    }
    try (Stream<Path> paths = Files.walk(dataDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temporary directory.
    }
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", full) + " failed: "
          + new String(output, StandardCharsets.UTF_8));
    }
  }

  private static Path findBinaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> versionOf(b.getParent())))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  // PostgreSQL cannot be told to pick a port itself; a race with another process fails start.
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
