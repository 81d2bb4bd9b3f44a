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
}
