package io.parley.embedded.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StorageBacklogTest {
  @Test
  void fullAtTheLimitAndResumedAtHalfOfIt() {
    StorageBacklog backlog = new StorageBacklog(10);
    AtomicInteger resumed = new AtomicInteger();
    backlog.added(9);
    assertFalse(backlog.full());
    backlog.added(1);
    assertTrue(backlog.full());

    backlog.whenDrained(resumed::incrementAndGet);
    backlog.whenDrained(resumed::incrementAndGet);
    backlog.done(4); // 6 left: above half
    assertEquals(0, resumed.get());
    backlog.done(1); // 5: half
    assertEquals(2, resumed.get());
    backlog.done(5);
    assertEquals(2, resumed.get()); // each waiter runs once
  }

  @Test
  void aWaiterAfterTheDrainRunsAtOnce() {
    StorageBacklog backlog = new StorageBacklog(10);
    backlog.added(10);
    backlog.done(8);
    AtomicInteger resumed = new AtomicInteger();
    backlog.whenDrained(resumed::incrementAndGet);
    assertEquals(1, resumed.get());
  }
}
