package io.parley.jmh.load;

/**
 * How fast this machine is at the moment of a run, measured with nothing of the benchmark
 * running: millions of rounds per second of a fixed loop of integer arithmetic over an array in
 * the L1 cache, on one thread. On a shared virtual machine the same build's login rate moved by a
 * third within minutes as the host's other tenants came and went. The reading is a hint, not a
 * correction: runs at almost the same reading have differed by a fifth (BENCHMARKS.md), so
 * builds are compared run by run, interleaved.
 */
final class Yardstick {
  private static final int[] TABLE = new int[4096]; // 16 KiB

  private Yardstick() {}

  private static final long MILLIS = 300;

  /** Millions of rounds per second over 300 ms, after as long again for the JIT. */
  static long millionRoundsPerSecond() {
    run(MILLIS);
    return Math.round(run(MILLIS) / (MILLIS * 1000.0));
  }

  private static long run(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    long rounds = 0;
    int x = 0x9E3779B9;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 100_000; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        int slot = x & (TABLE.length - 1);
        TABLE[slot] += x * 31 + i;
      }
      rounds += 100_000;
    }
    return TABLE[x & (TABLE.length - 1)] == 42 ? rounds + 1 : rounds; // keeps the table live
  }
}
