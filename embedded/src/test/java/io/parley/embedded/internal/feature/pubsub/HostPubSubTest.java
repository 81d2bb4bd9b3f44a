package io.parley.embedded.internal.feature.pubsub;

import static io.parley.embedded.internal.feature.pubsub.PubSubTest.EVENT;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.SERVICE;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.assertError;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.assertResult;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.event;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.eventChild;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.ps;
import static io.parley.embedded.internal.feature.pubsub.PubSubTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.embedded.PubSub;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.storage.PubSubItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host API: nodes, publishing and subscriptions from Java, and the fan-out at scale. */
class HostPubSubTest {
  @TempDir Path dataDir;
  Parley parley;

  Parley server(int mailboxCapacity) {
    return server(mailboxCapacity, false);
  }

  Parley server(int mailboxCapacity, boolean inMemory) {
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).mailboxCapacity(mailboxCapacity);
    if (inMemory) {
      b.inMemoryStorage();
    }
    parley = b.build().start();
    return parley;
  }

  @AfterEach
  void close() {
    if (parley != null) {
      parley.close();
    }
  }

  static Element command(String text) {
    return Element.builder("command", "urn:example:device").text(text).build();
  }

  @Test
  void hostPushesCommandsToSubscribedDevicesOnAWhitelistNode() throws Exception {
    server(4096);
    PubSub ps = parley.pubSub();
    assertEquals(Jid.of(SERVICE), ps.service());
    String node = "commands/thermostat";
    assertTrue(ps.createNode(node, Map.of("pubsub#access_model", List.of("whitelist")))
        .toCompletableFuture().get(15, TimeUnit.SECONDS));
    assertFalse(ps.createNode(node, Map.of()).toCompletableFuture().get(15, TimeUnit.SECONDS));
    TestClient device = new TestClient(parley, "device1@example.test/fw").available(0);
    TestClient stranger = new TestClient(parley, "stranger@example.test/x").available(0);
    ps.subscribe(node, Jid.of("device1@example.test")).toCompletableFuture()
        .get(15, TimeUnit.SECONDS);
    String id = ps.publish(node, null, command("21.5")).toCompletableFuture()
        .get(15, TimeUnit.SECONDS);
    Element item = eventChild(event(device)).child("item", EVENT);
    assertEquals(id, item.attribute("id"));
    assertEquals("21.5", item.elements().get(0).text());
    // Nobody else may read or publish to the host's node.
    assertError(set(stranger, SERVICE, ps("<publish node='" + node + "'><item>"
        + "<command xmlns='urn:example:device'>0</command></item></publish>")),
        StanzaError.Condition.FORBIDDEN, null);
  }

  @Test
  void hostListensToWhatClientsPublish() throws Exception {
    server(4096);
    PubSub ps = parley.pubSub();
    BlockingQueue<PubSubItem> heard = new LinkedBlockingQueue<>();
    TestClient sensor = new TestClient(parley, "sensor@example.test/s").available(0);
    assertResult(set(sensor, SERVICE, ps("<create node='readings'/>")));
    try (AutoCloseable l = ps.listen("readings", heard::add)) {
      assertResult(set(sensor, SERVICE, ps("<publish node='readings'><item id='r1'>"
          + "<t xmlns='urn:example:sensor'>20</t></item></publish>")));
      PubSubItem item = heard.poll(15, TimeUnit.SECONDS);
      assertEquals("r1", item.id());
      assertEquals(Jid.of("sensor@example.test"), item.publisher());
      assertEquals("20", item.payload().text());
    }
  }

  @Test
  void aPublishToTenThousandInProcessSubscribersDeliversExactlyTenThousandNotifications()
      throws Exception {
    // In memory: this measures the fan-out, not 10,000 subscription commits to the database.
    server(64, true);
    PubSub ps = parley.pubSub();
    ps.createNode("wide", Map.of()).toCompletableFuture().get(15, TimeUnit.SECONDS);
    int n = 10_000;
    AtomicInteger notifications = new AtomicInteger();
    List<InProcessSession> sessions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      InProcessSession s = parley.openSession(Jid.of("s" + i + "@example.test/r"), stanza -> {
        if (stanza instanceof Message m && m.child("event", EVENT) != null) {
          notifications.incrementAndGet();
        }
      });
      sessions.add(s);
      ps.subscribe("wide", s.jid());
    }
    // A stalled subscriber: its receiver blocks, so its small mailbox fills and refuses.
    CountDownLatch stuck = new CountDownLatch(1);
    InProcessSession stalled = parley.openSession(Jid.of("stalled@example.test/r"), stanza -> {
      try {
        stuck.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    ps.subscribe("wide", stalled.jid()).toCompletableFuture().get(15, TimeUnit.SECONDS);
    // Fill the stalled mailbox (capacity 64), each publish reaching every other subscriber.
    for (int i = 1; i <= 70; i++) {
      ps.publish("wide", "warm" + i, command("x")).toCompletableFuture().get(15, TimeUnit.SECONDS);
      int expected = n * i;
      assertTrue(waitFor(() -> notifications.get() == expected), "warm-up " + i + ": "
          + notifications.get());
    }
    notifications.set(0);
    ps.publish("wide", "once", command("go")).toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertTrue(waitFor(() -> notifications.get() == n), "delivered " + notifications.get());
    // Exactly n: nothing more arrives, and the stalled one held up nobody.
    assertFalse(waitFor(() -> notifications.get() > n, 300), "more than " + n);
    stuck.countDown();
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    return waitFor(condition, 15_000);
  }

  private static boolean waitFor(java.util.function.BooleanSupplier condition, long millis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
