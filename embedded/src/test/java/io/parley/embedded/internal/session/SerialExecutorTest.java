package io.parley.embedded.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

  @Test
  void tasksRunOneAtATimeInTheOrderEachProducerGaveThem() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      SerialExecutor serial = new SerialExecutor(pool);
      AtomicBoolean running = new AtomicBoolean();
      AtomicBoolean overlapped = new AtomicBoolean();
      List<List<Integer>> seen = new ArrayList<>();
      int producers = 4;
      int each = 2_000;
      CountDownLatch done = new CountDownLatch(producers * each);
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        List<Integer> mine = new ArrayList<>(); // touched only by the serial executor's tasks
        seen.add(mine);
        threads.add(new Thread(() -> {
          for (int i = 0; i < each; i++) {
            int n = i;
            serial.execute(() -> {
              if (!running.compareAndSet(false, true)) {
                overlapped.set(true);
              }
              mine.add(n);
              running.set(false);
              done.countDown();
            });
          }
        }));
      }
      threads.forEach(Thread::start);
      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertFalse(overlapped.get());
      for (List<Integer> mine : seen) {
        assertEquals(each, mine.size());
        for (int i = 0; i < each; i++) {
          assertEquals(i, mine.get(i));
        }
      }
      // The last task counts down before the executor takes it off the pending count (after it
      // returns), so the count may still read 1 for a moment here.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (serial.pending() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(0, serial.pending());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void whenThePoolRefusesTheCallerRunsTheTaskAndLaterTasksGoToThePoolAgain() {
    List<Runnable> accepted = new ArrayList<>();
    AtomicBoolean refusing = new AtomicBoolean(true);
    SerialExecutor serial = new SerialExecutor(r -> {
      if (refusing.get()) {
        throw new RejectedExecutionException("saturated");
      }
      accepted.add(r);
    });
    List<String> ran = new ArrayList<>();
    Thread caller = Thread.currentThread();

    serial.execute(() -> ran.add("first on " + (Thread.currentThread() == caller ? "caller" : "?")));
    assertEquals(List.of("first on caller"), ran);

    refusing.set(false);
    serial.execute(() -> ran.add("second"));
    serial.execute(() -> ran.add("third"));
    assertEquals(1, accepted.size()); // the third joined the second's run
    accepted.get(0).run();
    assertEquals(List.of("first on caller", "second", "third"), ran);
    assertEquals(0, serial.pending());
  }

  @Test
  void aTaskHandedOverWhileTheSchedulingIsRefusedStillRunsOnceAndInOrder() throws Exception {
    CountDownLatch inPool = new CountDownLatch(1);
    CountDownLatch refuse = new CountDownLatch(1);
    SerialExecutor serial = new SerialExecutor(r -> {
      inPool.countDown();
      try {
        refuse.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new RejectedExecutionException("shut down");
    });
    List<String> ran = new CopyOnWriteArrayList<>();
    Thread first = new Thread(() -> serial.execute(() -> ran.add("first")));
    first.start();
    assertTrue(inPool.await(5, TimeUnit.SECONDS));

    // The first caller holds the schedule, so this one returns at once: its task is accepted.
    serial.execute(() -> ran.add("second"));
    assertEquals(List.of(), ran);

    refuse.countDown();
    first.join(5_000);
    assertFalse(first.isAlive());
    assertEquals(List.of("first", "second"), ran);
    assertEquals(0, serial.pending());
  }
}
