package io.parley.embedded.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fan-out path: one prepared stanza, many mailboxes, none of them able to hold up others. */
class PreparedStanzaFanOutTest {
  private static final Jid SERVICE = Jid.of("pubsub.example.test");
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ExecutorService stalledThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    stalledThread.shutdownNow();
  }

  /** A mailbox session counting what it drains; its sink may block (a stalled consumer). */
  private static final class CountingSession extends MailboxSession {
    final List<Stanza> got = new ArrayList<>(); // drained on one consumer at a time
    final AtomicInteger count = new AtomicInteger();
    final CountDownLatch gate;
    final CountDownLatch done;

    CountingSession(Jid jid, int capacity, java.util.concurrent.Executor executor,
        CountDownLatch gate, CountDownLatch done) {
      super(jid, capacity, executor);
      this.gate = gate;
      this.done = done;
    }

    @Override
    public String transport() {
      return "test";
    }

    @Override
    public SocketAddress remoteAddress() {
      return null;
    }

    @Override
    public void terminate(StreamErrorCondition condition) {}

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public void accept(Stanza stanza) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (count.get() < 4) {
        got.add(stanza);
      }
      count.incrementAndGet();
      done.countDown();
    }

    @Override
    public void batchDone() {}
  }

  private static Message notification(int i) {
    return new Message(null, SERVICE, "n" + i, Message.Type.HEADLINE, null, List.of(
        Element.builder("event", "http://jabber.org/protocol/pubsub#event")
            .child(Element.builder("items", "http://jabber.org/protocol/pubsub#event")
                .attribute("node", "princely_musings").build())
            .build()));
  }

  @Test
  void aPublishToTenThousandSubscribersDeliversExactlyTenThousandAddressedCopies()
      throws InterruptedException {
    int n = 10_000;
    CountDownLatch open = new CountDownLatch(0);
    CountDownLatch done = new CountDownLatch(n);
    List<CountingSession> sessions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sessions.add(new CountingSession(Jid.of("user" + i + "@example.test/r"), 64, pool, open,
          done));
    }
    PreparedStanza prepared = PreparedStanza.of(notification(1));
    int accepted = 0;
    for (CountingSession s : sessions) {
      if (s.deliver(prepared, s.jid().asBare())) {
        accepted++;
      }
    }
    assertEquals(n, accepted);
    assertTrue(done.await(15, TimeUnit.SECONDS), "undelivered: " + done.getCount());
    for (CountingSession s : sessions) {
      assertEquals(1, s.count.get(), s + " got a notification more or less than once");
      Stanza got = s.got.get(0);
      assertEquals(s.jid().asBare(), got.to());
      assertEquals(SERVICE, got.from());
      assertSame(prepared.template().children(), got.children(), "payload shared, not copied");
    }
  }

  @Test
  void aStalledSubscriberWithAFullMailboxDoesNotHoldUpTheOthers() throws InterruptedException {
    int others = 50;
    int publishes = 200;
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch open = new CountDownLatch(0);
    CountDownLatch done = new CountDownLatch(others * publishes);
    CountingSession stalled = new CountingSession(Jid.of("slow@example.test/r"), 16,
        stalledThread, stuck, new CountDownLatch(0));
    List<CountingSession> sessions = new ArrayList<>();
    for (int i = 0; i < others; i++) {
      sessions.add(new CountingSession(Jid.of("user" + i + "@example.test/r"), 1024, pool, open,
          done));
    }
    int refusedByStalled = 0;
    for (int p = 0; p < publishes; p++) {
      PreparedStanza prepared = PreparedStanza.of(notification(p));
      if (!stalled.deliver(prepared, stalled.jid())) {
        refusedByStalled++;
      }
      for (CountingSession s : sessions) {
        assertTrue(s.deliver(prepared, s.jid()));
      }
    }
    // Every other subscriber gets every notification while the stalled one is still blocked.
    assertTrue(done.await(15, TimeUnit.SECONDS), "undelivered: " + done.getCount());
    assertEquals(0, stalled.count.get());
    // Its bounded mailbox refused the rest instead of growing: 16 queued, and perhaps one more
    // taken by the blocked consumer before the mailbox filled.
    assertTrue(refusedByStalled == publishes - 16 || refusedByStalled == publishes - 17,
        "refused " + refusedByStalled);
    for (CountingSession s : sessions) {
      assertEquals(publishes, s.count.get());
      assertEquals("n0", s.got.get(0).id());
      assertEquals("n1", s.got.get(1).id());
    }
    stuck.countDown();
  }

  @Test
  void theTemplateDropsTheAddressAndEachDeliveryGetsItsOwn() {
    Message withTo = notification(1).withTo(Jid.of("someone@example.test"));
    PreparedStanza prepared = PreparedStanza.of(withTo);
    assertNull(prepared.template().to());
    PreparedStanza.Addressed a = prepared.to(Jid.of("juliet@example.test/balcony"));
    assertEquals(Jid.of("juliet@example.test/balcony"), a.stanza().to());
    assertSame(a.stanza(), a.stanza());
    assertSame(prepared.body(), prepared.body(), "serialized once");
    assertFalse(prepared.body().readableBytes() == 0);
  }
}
