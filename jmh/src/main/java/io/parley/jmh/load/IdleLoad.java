package io.parley.jmh.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle sessions: logs {@code sessions} clients in (with initial presence), then reads the server's
 * resident memory and heap after a full GC, against the same figures before the logins.
 */
final class IdleLoad {
  private IdleLoad() {}

  static LoadResult run(Generator generator, ServerProcess server, int sessions, int concurrency,
      long settleMillis) throws InterruptedException, IOException {
    long heap0 = server.heapAfterGc();
    long rss0 = server.rssBytes();
    long settled0 = settledRss(server);
    List<LoadConnection> all = new ArrayList<>();
    for (int i = 0; i < sessions; i++) {
      all.add(generator.newConnection(LoadAccounts.username(i), true));
    }
    long t0 = System.nanoTime();
    generator.connectAll(all, concurrency, c -> { });
    double loginSeconds = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(settleMillis);
    int counted = server.sessions();
    long heap1 = server.heapAfterGc();
    long rss1 = server.rssBytes();
    long settled1 = settledRss(server);
    String histogram = System.getProperty("load.histogram");
    if (histogram != null) {
      server.classHistogram(java.nio.file.Path.of(histogram));
    }
    for (LoadConnection c : all) {
      c.close();
    }
    return new LoadResult("idle")
        .put("sessions", sessions)
        .put("server_sessions", counted)
        .put("login_s", loginSeconds)
        .put("rss_before_mb", rss0 / 1e6)
        .put("rss_after_mb", rss1 / 1e6)
        .put("heap_before_mb", heap0 / 1e6)
        .put("heap_after_mb", heap1 / 1e6)
        .put("rss_kb_per_session", (rss1 - rss0) / 1000.0 / sessions)
        .put("heap_kb_per_session", (heap1 - heap0) / 1000.0 / sessions)
        // The budget's 4 kB is 4,000 bytes: one decimal of kB is too coarse to judge it by.
        .put("heap_bytes_per_session", (heap1 - heap0) / sessions)
        .put("rss_settled_before_mb", settled0 / 1e6)
        .put("rss_settled_after_mb", settled1 / 1e6)
        .put("rss_settled_kb_per_session", (settled1 - settled0) / 1000.0 / sessions);
  }

  /**
   * Resident memory once it stops falling after the full GC: G1 gives the regions a full GC
   * freed back to the OS from a background thread (and -XX:TrimNativeHeapInterval trims malloc
   * arenas periodically), so the reading taken right after the GC still counts memory about to
   * be released. Polls every half second until two readings differ by less than 256 kB, for at
   * most 10 s.
   */
  private static long settledRss(ServerProcess server) throws InterruptedException {
    long previous = server.rssBytes();
    for (int i = 0; i < 20; i++) {
      Thread.sleep(500);
      long now = server.rssBytes();
      if (Math.abs(previous - now) < 256 * 1024) {
        return now;
      }
      previous = now;
    }
    return previous;
  }
}
