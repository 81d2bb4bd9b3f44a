package io.parley.embedded.internal.storage;

import io.parley.spi.stanza.Jid;
import java.util.concurrent.atomic.AtomicLong;

/** Fresh JIDs, so tests sharing one database never see each other's data. */
final class Users {
  private static final AtomicLong counter = new AtomicLong();
  private static final String RUN = Long.toString(System.nanoTime(), 36);

  private Users() {}

  static Jid fresh() {
    return Jid.of("u" + RUN + "x" + counter.incrementAndGet() + "@example.test");
  }
}
