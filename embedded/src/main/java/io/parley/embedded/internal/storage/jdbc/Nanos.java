package io.parley.embedded.internal.storage.jdbc;

import java.time.Instant;

/**
 * Instants as BIGINT nanoseconds since the epoch: exact (a clock's instant round-trips), one
 * portable column type, indexable; covers the years 1677 to 2262.
 */
final class Nanos {
  private static final long BILLION = 1_000_000_000L;

  private Nanos() {}

  static long of(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), BILLION),
          instant.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("instant out of the storable range: " + instant, e);
    }
  }

  static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, BILLION), Math.floorMod(nanos, BILLION));
  }
}
