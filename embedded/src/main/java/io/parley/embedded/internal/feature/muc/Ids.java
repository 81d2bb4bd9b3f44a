package io.parley.embedded.internal.feature.muc;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Stanza and archive ids made by the room. Not {@code UUID.randomUUID()}: its SecureRandom may
 * read from the OS, a blocking call on an event loop (BlockHound fails the build on it).
 */
final class Ids {
  private Ids() {}

  static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return Long.toString(r.nextLong() & Long.MAX_VALUE, 36)
        + Long.toString(r.nextLong() & Long.MAX_VALUE, 36);
  }
}
