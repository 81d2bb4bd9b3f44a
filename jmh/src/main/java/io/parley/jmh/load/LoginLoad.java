package io.parley.jmh.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Login rate: {@code logins} fresh connections, {@code concurrency} negotiating at a time, each
 * through STARTTLS (when on), SCRAM-SHA-1 and resource binding; each closes once bound.
 */
final class LoginLoad {
  private LoginLoad() {}

  static LoadResult run(Generator generator, ServerProcess server, int logins, int concurrency,
      long warmupMillis) throws InterruptedException {
    // Logins for the warm-up time first, so the JIT has compiled both sides; not counted.
    long warmEnd = System.nanoTime() + warmupMillis * 1_000_000;
    while (System.nanoTime() < warmEnd) {
      List<LoadConnection> warm = new ArrayList<>();
      for (int i = 0; i < Math.min(logins, 500); i++) {
        warm.add(generator.newConnection(LoadAccounts.username(i), false));
      }
      generator.connectAll(warm, concurrency, LoadConnection::close);
    }
    Histogram latency = new Histogram();
    AtomicInteger failed = new AtomicInteger();
    List<LoadConnection> all = new ArrayList<>();
    for (int i = 0; i < logins; i++) {
      all.add(generator.newConnection(LoadAccounts.username(i), false));
    }
    Map<String, Long> threads0 = server == null ? Map.of() : server.cpuNanosByThreads();
    long cpu0 = server == null ? 0 : server.cpuNanos();
    long sys0 = server == null ? 0 : server.systemCpuNanos();
    Map<String, Long> own0 = ServerProcess.cpuNanosByThreads(Path.of("/proc/self"));
    long resumed0 = LoadConnection.resumedHandshakes();
    long t0 = System.nanoTime();
    generator.connectAll(all, concurrency, c -> {
      if (c.ready.isCompletedExceptionally()) {
        failed.incrementAndGet();
      } else {
        latency.record((c.readyNanos - c.startNanos) / 1000);
      }
      c.close();
    });
    long t1 = System.nanoTime();
    Map<String, Long> own1 = ServerProcess.cpuNanosByThreads(Path.of("/proc/self"));
    long cpu1 = server == null ? 0 : server.cpuNanos();
    long sys1 = server == null ? 0 : server.systemCpuNanos();
    Map<String, Long> threads1 = server == null ? Map.of() : server.cpuNanosByThreads();
    double seconds = (t1 - t0) / 1e9;
    LoadResult r = new LoadResult("login")
        .put("logins", logins)
        .put("concurrency", concurrency)
        .put("duration_s", seconds)
        .put("logins_per_s", logins / seconds)
        .put("p50_ms", latency.quantile(0.50) / 1000.0)
        .put("p99_ms", latency.quantile(0.99) / 1000.0)
        .put("failed", failed.get())
        // Must stay 0: every measured login pays a full handshake, as a new client would.
        .put("tls_resumed", LoadConnection.resumedHandshakes() - resumed0)
        .put("client_cpu_us_per_login",
            (sum(own1) - sum(own0)) / 1000.0 / logins);
    own1.forEach((group, cpu) -> r.put("client_" + group + "_us_per_login",
        (cpu - own0.get(group)) / 1000.0 / logins));
    if (server != null) {
      r.put("server_cpu_us_per_login", (cpu1 - cpu0) / 1000.0 / logins);
      // Kernel time: TCP over loopback (the receiver's side runs on the sender's CPU), epoll,
      // thread wake-ups.
      r.put("server_sys_us_per_login", (sys1 - sys0) / 1000.0 / logins);
      threads1.forEach((group, cpu) -> r.put("server_" + group + "_us_per_login",
          (cpu - threads0.get(group)) / 1000.0 / logins));
    }
    return r;
  }

  private static long sum(Map<String, Long> cpu) {
    return cpu.values().stream().mapToLong(Long::longValue).sum();
  }
}
