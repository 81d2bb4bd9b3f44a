package io.parley.embedded.internal.feature.lastactivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.storage.memory.InMemoryLastActivityStore;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.LastActivity;
import io.parley.spi.storage.LastActivityStore;
import io.parley.spi.storage.NonBlockingStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogoutsTest {
  private static final Jid ALICE = Jid.of("alice@example.com");
  private static final Jid BOB = Jid.of("bob@example.com");
  private static final Jid CAROL = Jid.of("carol@example.com");

  /** Runs the blocking pool's work when the test says so. */
  private final ArrayDeque<Runnable> queued = new ArrayDeque<>();

  /** Remembers each batch the store was handed. */
  private static class BatchStore implements LastActivityStore {
    final List<Map<Jid, LastActivity>> batches = new ArrayList<>();
    private final LastActivityStore store = new InMemoryLastActivityStore();

    @Override
    public void putAll(Map<Jid, LastActivity> logouts) {
      batches.add(Map.copyOf(logouts));
      logouts.forEach(store::put);
    }

    @Override
    public Optional<LastActivity> get(Jid user) {
      return store.get(user);
    }

    @Override
    public void put(Jid user, LastActivity activity) {
      throw new AssertionError("logouts are written in batches");
    }

    @Override
    public void deleteUser(Jid user) {
      store.deleteUser(user);
    }
  }

  private static LastActivity at(long second) {
    return new LastActivity(Instant.ofEpochSecond(second), null);
  }

  private void runQueued() {
    while (!queued.isEmpty()) {
      queued.poll().run();
    }
  }

  @Test
  void logoutsRecordedBeforeTheWriteRunsGoInOneBatch() {
    BatchStore store = new BatchStore();
    Logouts logouts = new Logouts(store, queued::add);
    logouts.record(ALICE.withResource("phone"), at(1));
    logouts.record(BOB, at(2));
    logouts.record(CAROL, at(3));
    assertEquals(1, queued.size()); // one write scheduled for all three

    runQueued();
    assertEquals(List.of(Map.of(ALICE, at(1), BOB, at(2), CAROL, at(3))), store.batches);
    assertEquals(Optional.of(at(1)), store.get(ALICE));
  }

  @Test
  void aNonBlockingStoreIsWrittenAtOnceWithoutThePool() {
    LastActivityStore store = new InMemoryLastActivityStore();
    Logouts logouts = new Logouts(store, queued::add);
    logouts.record(ALICE.withResource("phone"), at(1));
    assertEquals(Optional.of(at(1)), store.get(ALICE));
    assertTrue(queued.isEmpty(), "nothing handed to the pool");
    logouts.deleteUser(ALICE);
    assertEquals(Optional.empty(), logouts.get(ALICE));
  }

  @Test
  void aFailingNonBlockingStoreCostsOnlyThatRecord() {
    class Failing implements LastActivityStore, NonBlockingStore {
      @Override
      public Optional<LastActivity> get(Jid user) {
        return Optional.empty();
      }

      @Override
      public void put(Jid user, LastActivity activity) {
        throw new IllegalStateException("store down");
      }

      @Override
      public void deleteUser(Jid user) {}
    }
    Logouts logouts = new Logouts(new Failing(), queued::add);
    logouts.record(ALICE, at(1)); // logged, not thrown into the session's end
    assertTrue(queued.isEmpty());
  }

  @Test
  void anUnwrittenLogoutIsAnsweredFromMemoryAndTheNewestWins() {
    BatchStore store = new BatchStore();
    Logouts logouts = new Logouts(store, queued::add);
    logouts.record(ALICE, at(1));
    runQueued();
    logouts.record(ALICE, at(5));
    logouts.record(ALICE, at(7));

    assertEquals(Optional.of(at(7)), logouts.get(ALICE));
    assertEquals(Optional.of(at(1)), store.get(ALICE));
    runQueued();
    assertEquals(Optional.of(at(7)), store.get(ALICE));
    assertEquals(2, store.batches.size());
  }

  @Test
  void aLogoutDuringTheWriteIsWrittenNext() {
    Logouts[] logouts = new Logouts[1];
    BatchStore store = new BatchStore() {
      @Override
      public void putAll(Map<Jid, LastActivity> batch) {
        if (batches.isEmpty()) {
          logouts[0].record(BOB, at(9)); // arrives while the first batch is being written
        }
        super.putAll(batch);
      }
    };
    logouts[0] = new Logouts(store, queued::add);
    logouts[0].record(ALICE, at(1));
    runQueued();

    assertEquals(List.of(Map.of(ALICE, at(1)), Map.of(BOB, at(9))), store.batches);
  }

  @Test
  void deletingTheUserForgetsAnUnwrittenLogout() {
    BatchStore store = new BatchStore();
    Logouts logouts = new Logouts(store, queued::add);
    logouts.record(ALICE, at(1));
    logouts.deleteUser(ALICE);
    runQueued();

    assertTrue(logouts.get(ALICE).isEmpty());
    assertTrue(store.batches.isEmpty());
  }
}
