package io.parley.embedded.internal.feature.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SequencerTest {
  private final Sequencer sequencer = new Sequencer();

  @Test
  void workOfOneKeyRunsInSubmissionOrderEvenWhenItFinishesLater() {
    List<Integer> order = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> first = new CompletableFuture<>();
    sequencer.run("alice", () -> first.thenRun(() -> order.add(1)));
    sequencer.run("alice", () -> {
      order.add(2);
      return CompletableFuture.completedFuture(null);
    });
    assertEquals(List.of(), order, "the second waits for the first");
    first.complete(null);
    assertEquals(List.of(1, 2), order);
  }

  @Test
  void failedWorkDoesNotStopTheNext() {
    List<String> ran = new CopyOnWriteArrayList<>();
    sequencer.run("bob", () -> {
      throw new IllegalStateException("boom");
    });
    sequencer.run("bob", () -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
    sequencer.run("bob", () -> {
      ran.add("third");
      return CompletableFuture.completedFuture(null);
    });
    assertEquals(List.of("third"), ran);
  }

  @Test
  void workOfOneKeyMayStartWorkOfTheSameKey() {
    List<String> ran = new CopyOnWriteArrayList<>();
    sequencer.run("carol", () -> {
      sequencer.run("carol", () -> {
        ran.add("inner");
        return CompletableFuture.completedFuture(null);
      });
      ran.add("outer");
      return CompletableFuture.completedFuture(null);
    });
    assertEquals(List.of("outer", "inner"), ran);
  }

  /**
   * Two threads each run work for one user that starts work for the other (a subscribe and its
   * answer crossing): neither may wait for the other. Work used to run inside the map's compute,
   * holding a bin lock each; this test then deadlocked.
   */
  @Test
  void crossingWorkOnTwoThreadsDoesNotDeadlock() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      CountDownLatch bothInside = new CountDownLatch(2);
      CountDownLatch finished = new CountDownLatch(2);
      Thread a = new Thread(() -> crossing("alice", "bob", bothInside, finished));
      Thread b = new Thread(() -> crossing("bob", "alice", bothInside, finished));
      a.setDaemon(true);
      b.setDaemon(true);
      a.start();
      b.start();
      assertTrue(finished.await(5, TimeUnit.SECONDS), "both crossing works finished");
    });
  }

  private void crossing(String self, String other, CountDownLatch bothInside,
      CountDownLatch finished) {
    sequencer.run(self, () -> {
      bothInside.countDown();
      try {
        bothInside.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sequencer.run(other, () -> {
        finished.countDown();
        return CompletableFuture.completedFuture(null);
      });
      return CompletableFuture.completedFuture(null);
    });
  }
}
