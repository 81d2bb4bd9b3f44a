package io.parley.jmh.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, log-linear buckets (64 per power of two, so within about 1.6%), up
 * to about 70 minutes. Thread-safe, allocation-free on record.
 */
final class Histogram {
  private static final int SUB_BITS = 6;
  private static final int SUB = 1 << SUB_BITS;
  private final AtomicLongArray counts = new AtomicLongArray(SUB * 40);

  void record(long micros) {
    counts.incrementAndGet(index(Math.max(0, micros)));
  }

  static int index(long v) {
    if (v < SUB) {
      return (int) v;
    }
    int msb = 63 - Long.numberOfLeadingZeros(v);
    int shift = msb - SUB_BITS;
    int sub = (int) (v >>> shift) & (SUB - 1);
    return Math.min((shift + 1) * SUB + sub, SUB * 40 - 1);
  }

  /** The lowest value of a bucket (its upper end for the exact ones below {@code SUB}). */
  static long value(int index) {
    if (index < SUB) {
      return index;
    }
    int shift = index / SUB - 1;
    long sub = index % SUB;
    return (SUB + sub) << shift;
  }

  long count() {
    long n = 0;
    for (int i = 0; i < counts.length(); i++) {
      n += counts.get(i);
    }
    return n;
  }

  /** The value at quantile q (0..1), in microseconds; 0 when empty. */
  long quantile(double q) {
    long total = count();
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= Math.max(1, rank)) {
        return value(i);
      }
    }
    return value(counts.length() - 1);
  }

  void reset() {
    for (int i = 0; i < counts.length(); i++) {
      counts.set(i, 0);
    }
  }
}
