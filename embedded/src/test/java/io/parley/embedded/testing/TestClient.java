package io.parley.embedded.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An in-process session with an inbox, for routing-level tests. The presence a user's own
 * resources reflect to it (RFC 6121 §4.2.2) is left out of the inbox, so tests see what others
 * sent.
 */
public final class TestClient {
  private static final AtomicInteger ids = new AtomicInteger();

  public final InProcessSession session;
  public final BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();
  // What next(Predicate) passed over, for later calls to find.
  private final Deque<Stanza> skipped = new ArrayDeque<>();

  public TestClient(Parley parley, String jid) {
    Jid own = Jid.of(jid).asBare();
    session = parley.openSession(Jid.of(jid), s -> {
      if (!(s instanceof Presence p && p.from() != null && own.equals(p.from().asBare()))) {
        inbox.add(s);
      }
    });
  }

  public TestClient available(int priority) {
    session.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of(
        Element.builder("priority", Stanza.CLIENT_NAMESPACE).text(Integer.toString(priority))
            .build())));
    return this;
  }

  public Jid jid() {
    return session.jid();
  }

  /** Sends an IQ request and returns its response, skipping whatever else arrives first. */
  public Iq request(Iq.Type type, Jid to, Element payload) throws InterruptedException {
    String id = "t" + ids.incrementAndGet();
    session.send(new Iq(to, null, id, type, null, List.of(payload)));
    return (Iq) next(s -> s instanceof Iq iq && id.equals(iq.id()) && !iq.isRequest());
  }

  public Stanza next() throws InterruptedException {
    if (!skipped.isEmpty()) {
      return skipped.poll();
    }
    Stanza s = inbox.poll(5, TimeUnit.SECONDS);
    assertNotNull(s, "nothing arrived");
    return s;
  }

  /** The first stanza matching, keeping the ones before it for later calls. */
  public Stanza next(Predicate<Stanza> wanted) throws InterruptedException {
    for (var it = skipped.iterator(); it.hasNext(); ) {
      Stanza s = it.next();
      if (wanted.test(s)) {
        it.remove();
        return s;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      Stanza s = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertNotNull(s, "no matching stanza arrived");
      if (wanted.test(s)) {
        return s;
      }
      skipped.add(s);
    }
  }

  /**
   * The first stanza matching {@code unwanted} that arrives within a short while, else null;
   * others are kept for later calls.
   */
  public Stanza none(Predicate<Stanza> unwanted) throws InterruptedException {
    for (Stanza s : skipped) {
      if (unwanted.test(s)) {
        return s;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    Stanza s;
    while ((s = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
      if (unwanted.test(s)) {
        return s;
      }
      skipped.add(s);
    }
    return null;
  }

  /** Null if nothing arrives within a short while. */
  public Stanza none() throws InterruptedException {
    if (!skipped.isEmpty()) {
      return skipped.peek();
    }
    return inbox.poll(200, TimeUnit.MILLISECONDS);
  }
}
