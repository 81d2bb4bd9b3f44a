package io.parley.jmh.load;

import io.parley.embedded.Parley;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Parley server the load generator measures, in its own JVM so that its CPU time and memory
 * are its own. Prints {@code ready port=… pid=…} when listening, then answers commands on stdin,
 * one per line: {@code gc} (full GC, then {@code heap=<bytes used>}) and {@code stop}.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.parley.jmh.load.LoadServer --accounts 20000 [--no-tls]
 *     [--jdk-tls] [--tls-session-tickets]
 *     [--in-memory-storage [--archive-memory-limit N] | --database-url jdbc:…]
 * </pre>
 */
public final class LoadServer {
  private LoadServer() {}

  public static void main(String[] args) throws IOException {
    int accounts = 100_000;
    boolean tlsRequired = true;
    int threads = 0; // Parley's default
    boolean nativeTls = true;
    boolean sessionTickets = false; // the builder's default
    int mailbox = 4096;
    // Default: the embedded H2 database in a temporary directory, as a deployment's default.
    boolean inMemory = false;
    String databaseUrl = null;
    int archiveMemoryLimit = 0; // 0: the builder's default
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--accounts" -> accounts = Integer.parseInt(args[++i]);
        case "--no-tls" -> tlsRequired = false;
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--jdk-tls" -> nativeTls = false;
        case "--tls-session-tickets" -> sessionTickets = true;
        case "--mailbox" -> mailbox = Integer.parseInt(args[++i]);
        case "--in-memory-storage" -> inMemory = true;
        case "--database-url" -> databaseUrl = args[++i];
        case "--archive-memory-limit" -> archiveMemoryLimit = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path data = Files.createTempDirectory("parley-load");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Parley.Builder builder = Parley.builder();
    if (archiveMemoryLimit > 0) {
      builder.archiveMemoryLimit(archiveMemoryLimit);
    }
    if (threads > 0) {
      builder.eventLoopThreads(threads);
    }
    if (inMemory) {
      builder.inMemoryStorage();
    } else if (databaseUrl != null) {
      builder.database(databaseUrl, "sa", "");
    }
    try (Parley parley = builder
        .domain("localhost")
        .bindAddress("127.0.0.1")
        .tcpPort(0)
        .directTlsPort(-1)
        .tlsRequired(tlsRequired)
        .dataDirectory(data)
        .nativeTls(nativeTls)
        .tlsSessionTickets(sessionTickets)
        .mailboxCapacity(mailbox)
        .credentials(new LoadAccounts(accounts))
        // Long enough that no benchmark phase meets it; keepalives stay on.
        .idleTimeout(Duration.ofHours(1))
        .shutdownTimeout(Duration.ofSeconds(2))
        .build()
        .start()) {
      out.println("ready port=" + parley.tcpPort() + " pid=" + ProcessHandle.current().pid());
      BufferedReader in = new BufferedReader(
          new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.equals("stop")) {
        if (line.equals("gc")) {
          out.println("heap=" + heapAfterGc());
        } else if (line.equals("sessions")) {
          out.println("sessions=" + parley.sessionCount());
        }
      }
    }
  }

  static long heapAfterGc() {
    // Twice: the first full GC may leave finalizable or soft-referenced garbage for the second.
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
