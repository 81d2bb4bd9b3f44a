package io.parley.jmh.load;

import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The load benchmark: starts a {@link LoadServer} in its own JVM, drives it over loopback and
 * prints one result line ({@code key=value}, space-separated) on stdout. See BENCHMARKS.md.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.parley.jmh.load.LoadMain chat  --pairs 200 --window 10
 * java -cp jmh/target/benchmarks.jar io.parley.jmh.load.LoadMain idle  --sessions 10000
 * java -cp jmh/target/benchmarks.jar io.parley.jmh.load.LoadMain login --logins 5000 --concurrency 50
 * java -cp jmh/target/benchmarks.jar io.parley.jmh.load.LoadMain soak  --rate 25000 --duration 600
 * </pre>
 *
 * Options: {@code --no-tls} (plaintext; STARTTLS is the default), {@code --warmup s},
 * {@code --jdk-tls} (server on the JDK's TLS provider instead of BoringSSL),
 * {@code --duration s}, {@code --body bytes}, {@code --client-threads n} (the generator's event
 * loops; default one per core for login, one for the other modes),
 * {@code --client-transport io_uring|epoll|nio} (the generator's sockets; default the first
 * available),
 * {@code --server-threads n}, {@code --server-jvm "opts"}, {@code --server-args "args"} (more
 * {@link LoadServer} options, e.g. {@code --mailbox 256}), {@code --malloc-arenas n} (the
 * server's {@code MALLOC_ARENA_MAX}, default 2; 0 inherits the environment),
 * {@code --tls-groups "X25519,P-256"} (the key-exchange groups the clients offer; {@code ""}
 * for BoringSSL's default, led by X25519MLKEM768), {@code --pin} (a diagnostic: the generator on
 * the last core and the server on the others, through {@code taskset}). With
 * {@code -Dload.histogram=file}, idle also writes the server's class histogram there.
 */
public final class LoadMain {
  static final String USAGE = "usage: LoadMain chat|idle|login|soak [options] (see BENCHMARKS.md)";

  private LoadMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(USAGE);
      System.exit(2);
    }
    String mode = args[0];
    // The generator's own buffers: its sampled leak tracking (a stack trace per sampled buffer)
    // is CPU taken from the server on a shared machine. The server keeps Netty's default.
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    int pairs = 200;
    int window = 10;
    int body = 100;
    long rate = 0;
    double warmup = 5;
    double duration = 15;
    int sessions = 10_000;
    int logins = 5_000;
    int concurrency = 50;
    boolean tls = true;
    boolean jdkTls = false;
    boolean pin = false;
    String extraServerArgs = "";
    int mallocArenas = 2;
    int clientThreads = 0; // 0: the mode's default, below
    ClientTransport clientTransport = ClientTransport.best();
    int serverThreads = 0; // 0: Parley's default (two event loops per core)
    // --tls-groups "" measures BoringSSL's default (led by X25519MLKEM768).
    String tlsGroups = String.join(",", Generator.CLIENT_GROUPS);
    // Chat and soak measure latency: ZGC keeps GC pauses under a millisecond, where G1 (with
    // the heap kept small for the idle mode's memory figures) paused 36 ms at the median and up
    // to 89 ms under this load, most of the p99. Idle and login keep G1 and a small heap.
    String serverJvm = mode.equals("chat") || mode.equals("soak") ? "-Xmx1g -XX:+UseZGC"
        : "-Xmx1g -XX:+UseG1GC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--pairs" -> pairs = Integer.parseInt(args[++i]);
        case "--window" -> window = Integer.parseInt(args[++i]);
        case "--body" -> body = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Long.parseLong(args[++i]);
        case "--warmup" -> warmup = Double.parseDouble(args[++i]);
        case "--duration" -> duration = Double.parseDouble(args[++i]);
        case "--sessions" -> sessions = Integer.parseInt(args[++i]);
        case "--logins" -> logins = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--tls" -> tls = true;
        case "--no-tls" -> tls = false;
        case "--jdk-tls" -> jdkTls = true;
        case "--pin" -> pin = true;
        case "--client-threads" -> clientThreads = Integer.parseInt(args[++i]);
        case "--client-transport" -> clientTransport = ClientTransport.of(args[++i]);
        case "--server-threads" -> serverThreads = Integer.parseInt(args[++i]);
        case "--server-jvm" -> serverJvm = args[++i];
        case "--tls-groups" -> tlsGroups = args[++i];
        case "--server-args" -> extraServerArgs = args[++i];
        case "--malloc-arenas" -> mallocArenas = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("unknown option " + args[i] + "\n" + USAGE);
          System.exit(2);
        }
      }
    }
    if (mode.equals("soak") && rate == 0) {
      System.err.println("soak needs --rate (half the peak chat rate)");
      System.exit(2);
    }
    int accounts = Math.max(2 * pairs, Math.max(sessions, logins)) + 10;
    List<String> serverArgs = new ArrayList<>(List.of("--accounts", Integer.toString(accounts)));
    if (serverThreads > 0) {
      serverArgs.add("--threads");
      serverArgs.add(Integer.toString(serverThreads));
    }
    if (!tls) {
      serverArgs.add("--no-tls");
    }
    if (jdkTls) {
      serverArgs.add("--jdk-tls");
    }
    if (!extraServerArgs.isBlank()) {
      serverArgs.addAll(Arrays.asList(extraServerArgs.trim().split("\\s+")));
    }
    List<String> jvm = serverJvm.isBlank() ? List.of()
        : Arrays.asList(serverJvm.trim().split("\\s+"));
    int cores = Runtime.getRuntime().availableProcessors();
    if (clientThreads == 0) {
      // Chat and soak: one generator loop. With two, every credit crosses threads and the
      // generator takes more of the CPU it shares with the server (chat p99 on 2 cores with four
      // server loops: 32-38 ms with two generator loops, 28-32 with one). Login: one per core.
      // Its connections never meet, and with one loop that loop was the busiest thread of the
      // run, waiting for a CPU 17-28 % of the time while the scheduler left a tenth of the cores
      // idle (+10.5 % logins/s, median of 7 interleaved pairs). Pinned, the generator has one core.
      clientThreads = mode.equals("login") && !pin ? cores : 1;
    }
    String serverCpus = null;
    if (pin) {
      if (cores < 2) {
        System.err.println("--pin needs two cores or more");
        System.exit(2);
      }
      serverCpus = cores == 2 ? "0" : "0-" + (cores - 2);
      pinSelf(cores - 1);
    }
    String load0 = loadAverage();
    long speed0 = Yardstick.millionRoundsPerSecond();
    LoadResult result;
    try (ServerProcess server = ServerProcess.start(jvm, serverArgs, mallocArenas, serverCpus);
        Generator generator = new Generator("127.0.0.1", server.port(), tls, clientTransport,
            clientThreads, tlsGroups.isBlank() ? List.of() : Arrays.asList(tlsGroups.split(",")))) {
      result = switch (mode) {
        case "chat", "soak" -> new ChatLoad(new ChatLoad.Options(pairs, window, body, rate,
            (long) (warmup * 1000), (long) (duration * 1000), concurrency), generator, server)
            .run();
        case "idle" -> IdleLoad.run(generator, server, sessions, concurrency, 2000);
        case "login" -> LoginLoad.run(generator, server, logins, concurrency,
            (long) (warmup * 1000));
        default -> throw new IllegalArgumentException("unknown mode " + mode + "\n" + USAGE);
      };
    }
    result.put("tls", !tls ? "plain" : jdkTls ? "starttls-jdk" : "starttls")
        .put("tls_groups", tlsGroups.isBlank() ? "default" : tlsGroups)
        .put("cores", cores)
        .put("pin", pin ? "server=" + serverCpus + ",generator=" + (cores - 1) : "off")
        .put("load_before", load0)
        .put("load_after", loadAverage())
        .put("yardstick_before", speed0)
        .put("yardstick_after", Yardstick.millionRoundsPerSecond())
        .put("client_threads", clientThreads)
        .put("client_transport", clientTransport)
        .put("server_threads", serverThreads > 0 ? serverThreads : "default")
        .put("server_jvm", String.join(",", jvm))
        .put("server_args", String.join(",", serverArgs))
        .put("malloc_arena_max", mallocArenas == 0 ? "inherited" : mallocArenas);
    System.out.println(result);
  }

  /**
   * Moves this JVM, every thread of it, onto one CPU ({@code taskset}; threads made later
   * inherit it). Diagnostic: it shows how much of a figure is lost to the two processes sharing
   * cores under the kernel's scheduler, not what the server does on a machine of its own.
   */
  private static void pinSelf(int cpu) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", Integer.toString(cpu),
        Long.toString(ProcessHandle.current().pid()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor() != 0) {
      throw new IOException("taskset failed (exit " + p.exitValue() + ")");
    }
  }

  /** The 1-minute load average, a hint of how much else the machine was doing. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
