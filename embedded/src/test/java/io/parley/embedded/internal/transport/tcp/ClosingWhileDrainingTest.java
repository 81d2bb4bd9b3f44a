package io.parley.embedded.internal.transport.tcp;

import static io.parley.embedded.internal.transport.tcp.C2sHarness.feed;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.readElements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.stanza.Element;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With host interceptors a session's mailbox drains on the host's pool, not on the connection's
 * event loop where the session ends, so what it still holds is taken on the pool after the
 * drain. Each request it never wrote is answered once, service-unavailable (RFC 6121
 * §8.5.3.2.1: the resource is gone).
 */
class ClosingWhileDrainingTest {
  @TempDir Path dataDir;

  @Test
  void requestsLeftInTheMailboxOfASessionThatEndsAreAnsweredOnce() {
    ParkingExecutor pool = new ParkingExecutor();
    try (C2sHarness h = new C2sHarness(dataDir, false, b -> b
        .interceptor(new StanzaInterceptor() { })
        .blockingExecutor(pool))) {
      EmbeddedChannel romeo = h.bound("romeo@example.test/orchard", "jul1et");
      EmbeddedChannel juliet = h.bound("juliet@example.test/balcony", "r0meo");
      pool.inline = false; // the host's pool is busy: nothing runs until the test says so
      for (int i = 0; i < 5; i++) {
        feed(romeo, "<iq type='get' id='q" + i + "' to='juliet@example.test/balcony'>"
            + "<query xmlns='jabber:iq:version'/></iq>");
      }
      // Romeo's inbound chain runs on the pool: it routes the five into Juliet's mailbox, whose
      // drain then waits on the pool in turn.
      assertEquals(1, pool.parked.size());
      pool.parked.poll().run();
      assertEquals(1, pool.parked.size(), "Juliet's drain, waiting");

      juliet.close(); // on the event loop, while the drain waits
      pool.inline = true;
      pool.runParked();
      romeo.runPendingTasks();
      List<String> unavailable = new ArrayList<>();
      for (Element e : readElements(romeo)) {
        if ("iq".equals(e.name()) && "error".equals(e.attribute("type"))) {
          Element error = e.child("error", "jabber:client");
          assertNotNull(error, e.toString());
          assertNotNull(error.child("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas"),
              e.toString());
          unavailable.add(e.attribute("id"));
        }
      }
      assertEquals(List.of("q0", "q1", "q2", "q3", "q4"), unavailable);
      romeo.finishAndReleaseAll();
    }
  }
}
