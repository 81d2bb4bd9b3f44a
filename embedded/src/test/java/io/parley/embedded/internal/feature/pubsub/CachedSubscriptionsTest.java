package io.parley.embedded.internal.feature.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.storage.memory.InMemoryPubSubStore;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.PubSubNode;
import io.parley.spi.storage.PubSubSubscription;
import io.parley.spi.storage.PubSubSubscription.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedSubscriptionsTest {
  private static final Jid SERVICE = Jid.of("pubsub.example.com");
  private static final Jid ALICE = Jid.of("alice@example.com");
  private static final Jid BOB = Jid.of("bob@example.com");

  /** Counts subscriber-list reads that reach the store. */
  private static final class CountingStore extends ForwardingStore {
    final AtomicInteger reads = new AtomicInteger();

    CountingStore() {
      super(new InMemoryPubSubStore());
    }

    @Override
    public List<PubSubSubscription> subscriptions(Jid service, String node) {
      reads.incrementAndGet();
      return super.subscriptions(service, node);
    }
  }

  private static PubSubSubscription sub(String node, Jid jid) {
    return new PubSubSubscription(SERVICE, node, jid, "s-" + jid.local(), State.SUBSCRIBED,
        Map.of());
  }

  private static void create(CachedSubscriptions cached, String node) {
    cached.createNode(new PubSubNode(SERVICE, node, ALICE, Instant.now(), Map.of()));
  }

  @Test
  void publishesReadTheListOnceUntilASubscriptionChanges() {
    CountingStore store = new CountingStore();
    CachedSubscriptions cached = new CachedSubscriptions(store, 100);
    create(cached, "n");
    cached.putSubscription(sub("n", ALICE));

    List<PubSubSubscription> first = cached.subscriptions(SERVICE, "n");
    assertSame(first, cached.subscriptions(SERVICE, "n"));
    assertEquals(1, store.reads.get());

    cached.putSubscription(sub("n", BOB));
    assertEquals(2, cached.subscriptions(SERVICE, "n").size());
    cached.removeSubscription(SERVICE, "n", ALICE, "s-alice");
    assertEquals(List.of(BOB), cached.subscriptions(SERVICE, "n").stream()
        .map(PubSubSubscription::jid).toList());
    assertEquals(3, store.reads.get());
  }

  @Test
  void deletingTheNodeOrTheServiceForgetsItsSubscribers() {
    CachedSubscriptions cached = new CachedSubscriptions(new InMemoryPubSubStore(), 100);
    create(cached, "n");
    cached.putSubscription(sub("n", ALICE));
    assertEquals(1, cached.subscriptions(SERVICE, "n").size());

    cached.deleteNode(SERVICE, "n");
    assertTrue(cached.subscriptions(SERVICE, "n").isEmpty());

    create(cached, "m");
    cached.putSubscription(sub("m", BOB));
    assertEquals(1, cached.subscriptions(SERVICE, "m").size());
    cached.deleteService(SERVICE);
    assertTrue(cached.subscriptions(SERVICE, "m").isEmpty());
  }

  @Test
  void aWriteDuringARead_leavesNoStaleList() {
    // The write lands while the read is inside the store: what the read got must not stay.
    CachedSubscriptions[] cached = new CachedSubscriptions[1];
    ForwardingStore racing = new ForwardingStore(new InMemoryPubSubStore()) {
      boolean raced;

      @Override
      public List<PubSubSubscription> subscriptions(Jid service, String node) {
        List<PubSubSubscription> before = super.subscriptions(service, node);
        if (!raced) {
          raced = true;
          cached[0].putSubscription(sub(node, BOB));
        }
        return before;
      }
    };
    cached[0] = new CachedSubscriptions(racing, 100);
    create(cached[0], "n");

    assertTrue(cached[0].subscriptions(SERVICE, "n").isEmpty()); // read before the write
    assertEquals(1, cached[0].subscriptions(SERVICE, "n").size());
  }

  @Test
  void onlyTheMostRecentlyUsedNodesStayInMemory() {
    CountingStore store = new CountingStore();
    CachedSubscriptions cached = new CachedSubscriptions(store, 2);
    for (String n : List.of("a", "b", "c")) {
      create(cached, n);
      cached.subscriptions(SERVICE, n);
    }
    assertEquals(3, store.reads.get());
    cached.subscriptions(SERVICE, "c");
    cached.subscriptions(SERVICE, "b");
    assertEquals(3, store.reads.get());
    cached.subscriptions(SERVICE, "a"); // evicted by "c"
    assertEquals(4, store.reads.get());
  }
}
