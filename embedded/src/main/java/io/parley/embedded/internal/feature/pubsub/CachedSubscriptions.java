package io.parley.embedded.internal.feature.pubsub;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.PubSubNode;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.PubSubSubscription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store with each node's subscriber list kept in memory, so that a publish reads no rows:
 * on the database a 1,000-subscriber publish read and parsed 1,000 rows, which made the store,
 * not the network, the cost of a notification. Every subscription write goes through here and
 * drops the node's entry; the least recently used nodes beyond {@code maxNodes} are forgotten.
 *
 * <p>A read racing a write never leaves a stale list behind: writers bump a generation after
 * writing and then drop the entry; a reader that saw the generation move removes what it put.
 * Changes a host makes to its own store behind Parley's back are not seen for cached nodes.
 */
final class CachedSubscriptions extends ForwardingStore {
  private record Key(Jid service, String node) {}

  private final AtomicLong generation = new AtomicLong();
  private final Map<Key, List<PubSubSubscription>> cache;

  CachedSubscriptions(PubSubStore store, int maxNodes) {
    super(store);
    this.cache = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, List<PubSubSubscription>> eldest) {
        return size() > maxNodes;
      }
    };
  }

  @Override
  public List<PubSubSubscription> subscriptions(Jid service, String node) {
    Key key = new Key(service, node);
    List<PubSubSubscription> cached;
    synchronized (cache) {
      cached = cache.get(key);
    }
    if (cached != null) {
      return cached;
    }
    long seen = generation.get();
    List<PubSubSubscription> read = List.copyOf(store.subscriptions(service, node));
    synchronized (cache) {
      cache.put(key, read);
      if (generation.get() != seen) {
        cache.remove(key, read); // a write may have landed after our read
      }
    }
    return read;
  }

  private void changed(Jid service, String node) {
    generation.incrementAndGet();
    synchronized (cache) {
      cache.remove(new Key(service, node));
    }
  }

  private void changed(Jid service) {
    generation.incrementAndGet();
    synchronized (cache) {
      cache.keySet().removeIf(k -> k.service().equals(service));
    }
  }

  @Override
  public void putSubscription(PubSubSubscription subscription) {
    try {
      store.putSubscription(subscription);
    } finally {
      changed(subscription.service(), subscription.node());
    }
  }

  @Override
  public boolean removeSubscription(Jid service, String node, Jid jid, String subId) {
    try {
      return store.removeSubscription(service, node, jid, subId);
    } finally {
      changed(service, node);
    }
  }

  @Override
  public boolean deleteNode(Jid service, String node) {
    try {
      return store.deleteNode(service, node);
    } finally {
      changed(service, node);
    }
  }

  @Override
  public boolean createNode(PubSubNode node) {
    try {
      return store.createNode(node);
    } finally {
      changed(node.service(), node.node()); // a node of that name may have been deleted
    }
  }

  @Override
  public void deleteService(Jid service) {
    try {
      store.deleteService(service);
    } finally {
      changed(service);
    }
  }
}
