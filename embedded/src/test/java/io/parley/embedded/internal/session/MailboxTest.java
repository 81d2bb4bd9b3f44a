package io.parley.embedded.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The mailbox's single-consumer draining, bound, pause and recovery rules. */
class MailboxTest {
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private final Executor queued = tasks::add;
  private final List<Stanza> received = new ArrayList<>();
  private boolean ready = true;
  private int batches;

  private final Mailbox.Sink sink = new Mailbox.Sink() {
    @Override
    public boolean ready() {
      return ready;
    }

    @Override
    public void accept(Stanza stanza) {
      received.add(stanza);
    }

    @Override
    public void batchDone() {
      batches++;
    }
  };

  private static Stanza message(int i) {
    return Message.chat(Jid.of("a@example.test"), "m" + i);
  }

  private void runAll() {
    Runnable r;
    while ((r = tasks.poll()) != null) {
      r.run();
    }
  }

  @Test
  void drainsInOrderInBatchesWithOneScheduledTask() {
    Mailbox box = new Mailbox(1000, 64, queued, sink);
    for (int i = 0; i < 100; i++) {
      assertTrue(box.offer(message(i)));
    }
    assertEquals(1, tasks.size(), "one drain scheduled for many offers");
    runAll();
    assertEquals(100, received.size());
    for (int i = 0; i < 100; i++) {
      assertEquals("m" + i, ((Message) received.get(i)).body());
    }
    assertEquals(2, batches, "64 then 36");
  }

  @Test
  void fullMailboxRefuses() {
    Mailbox box = new Mailbox(16, 64, queued, sink);
    for (int i = 0; i < 16; i++) {
      assertTrue(box.offer(message(i)));
    }
    assertFalse(box.offer(message(16)));
  }

  @Test
  void pausesWhileTheSinkIsNotReadyAndResumes() {
    Mailbox box = new Mailbox(100, 64, queued, sink);
    ready = false;
    box.offer(message(0));
    box.offer(message(1));
    runAll();
    assertTrue(received.isEmpty());
    box.offer(message(2));
    assertTrue(tasks.isEmpty(), "paused: producers do not reschedule");
    ready = true;
    box.resume();
    runAll();
    assertEquals(3, received.size());
  }

  @Test
  void closeReturnsWhatWasNeverDrainedAndRefusesMore() {
    Mailbox box = new Mailbox(100, 64, queued, sink);
    box.offer(message(0));
    box.offer(message(1));
    assertEquals(2, box.close().size());
    assertFalse(box.offer(message(2)));
    runAll();
    assertTrue(received.isEmpty());
  }

  @Test
  void closingFromAnotherThreadTakesNothingThereAndHandsTheRestOverOnTheExecutor() {
    Mailbox box = new Mailbox(100, 64, queued, sink);
    box.offer(message(0));
    box.offer(message(1));
    List<Stanza> rest = new ArrayList<>();
    // From a thread other than the executor's (host code closing its session): the queue has
    // one consumer, the drain, so closing must not take from it.
    box.close(rest::addAll);
    assertEquals(2, box.size());
    assertTrue(rest.isEmpty());
    assertFalse(box.offer(message(2)));
    runAll();
    assertTrue(received.isEmpty(), "a closed mailbox writes nothing more");
    assertEquals(2, rest.size());
  }

  @Test
  void aCloseDuringABatchEndsItAfterTheStanzaBeingWritten() {
    Mailbox[] box = new Mailbox[1];
    List<Stanza> rest = new ArrayList<>();
    box[0] = new Mailbox(100, 64, queued, new Mailbox.Sink() {
      @Override
      public boolean ready() {
        return true;
      }

      @Override
      public void accept(Stanza stanza) {
        received.add(stanza);
        box[0].close(rest::addAll);
      }

      @Override
      public void batchDone() {}
    });
    for (int i = 0; i < 5; i++) {
      box[0].offer(message(i));
    }
    runAll();
    assertEquals(1, received.size());
    assertEquals(4, rest.size());
  }

  @Test
  void aRejectingExecutorDoesNotStrandTheMailbox() {
    boolean[] reject = {true};
    Executor flaky = r -> {
      if (reject[0]) {
        throw new RejectedExecutionException("saturated");
      }
      tasks.add(r);
    };
    Mailbox box = new Mailbox(100, 64, flaky, sink);
    assertTrue(box.offer(message(0)), "queued even though no drain could be scheduled");
    reject[0] = false;
    box.offer(message(1));
    runAll();
    assertEquals(2, received.size());
    assertEquals("m0", ((Message) received.get(0)).body());
  }

  // ---- bursts: several stanzas as one entry (a room's join burst) ----

  private static Burst burst(int from, int to) {
    Burst b = new Burst();
    for (int i = from; i < to; i++) {
      b.add(message(i));
    }
    return b;
  }

  private List<String> bodies() {
    List<String> bodies = new ArrayList<>();
    for (Stanza s : received) {
      bodies.add(((Message) s).body());
    }
    return bodies;
  }

  private static List<String> expected(int n) {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bodies.add("m" + i);
    }
    return bodies;
  }

  @Test
  void aBurstLargerThanTheMailboxIsOneEntryWrittenInPlace() {
    Mailbox box = new Mailbox(16, 64, queued, sink);
    assertTrue(box.offer(message(0)));
    assertTrue(box.offer(burst(1, 101)), "100 stanzas take one of 16 places");
    for (int i = 101; i < 115; i++) {
      assertTrue(box.offer(message(i)));
    }
    assertFalse(box.offer(message(115)), "16 entries: full");
    runAll();
    assertEquals(expected(115), bodies());
    assertEquals(2, batches, "batches still count stanzas: 64 then 51");
  }

  @Test
  void aBurstPausesWithTheSinkAndGoesOnWhereItStopped() {
    Mailbox box = new Mailbox(16, 64, queued, new Mailbox.Sink() {
      @Override
      public boolean ready() {
        return ready;
      }

      @Override
      public void accept(Stanza stanza) {
        received.add(stanza);
        if (received.size() == 10) {
          ready = false; // the peer stops reading in the middle of the burst
        }
      }

      @Override
      public void batchDone() {
        batches++;
      }
    });
    box.offer(burst(0, 30));
    box.offer(message(30));
    runAll();
    assertEquals(expected(10), bodies());
    assertTrue(tasks.isEmpty(), "paused, not spinning");
    ready = true;
    box.resume();
    runAll();
    assertEquals(expected(31), bodies(), "the rest of the burst, then what came after it");
  }

  @Test
  void closeReturnsTheUnwrittenRestOfABurst() {
    Mailbox box = new Mailbox(16, 4, queued, sink);
    box.offer(burst(0, 6));
    box.offer(burst(6, 8));
    box.offer(message(8));
    tasks.poll().run(); // one batch of 4: the first burst is half written
    assertEquals(expected(4), bodies());
    List<String> rest = new ArrayList<>();
    for (Stanza s : box.close()) {
      rest.add(((Message) s).body());
    }
    assertEquals(List.of("m4", "m5", "m6", "m7", "m8"), rest);
  }
}
