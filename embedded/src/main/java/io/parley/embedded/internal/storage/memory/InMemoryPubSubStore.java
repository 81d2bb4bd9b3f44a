package io.parley.embedded.internal.storage.memory;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.PubSubAffiliation;
import io.parley.spi.storage.PubSubItem;
import io.parley.spi.storage.PubSubNode;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.PubSubSubscription;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link PubSubStore}: nodes in memory, lost on restart. Thread-safe: each service's
 * state is guarded by its own monitor, so services never contend.
 */
public final class InMemoryPubSubStore implements PubSubStore {
  private final ConcurrentHashMap<Jid, Service> services = new ConcurrentHashMap<>();

  private static final class Service {
    final LinkedHashMap<String, NodeState> nodes = new LinkedHashMap<>();
  }

  private static final class NodeState {
    PubSubNode node;
    // Insertion order is publication order: a republished id moves to the end (newest).
    final LinkedHashMap<String, PubSubItem> items = new LinkedHashMap<>();
    // By subscribed JID, in the order JIDs first subscribed.
    final LinkedHashMap<Jid, List<PubSubSubscription>> subscriptions = new LinkedHashMap<>();
    final LinkedHashMap<Jid, PubSubAffiliation> affiliations = new LinkedHashMap<>();

    NodeState(PubSubNode node) {
      this.node = node;
    }
  }

  private Service service(Jid jid) {
    return services.computeIfAbsent(jid, j -> new Service());
  }

  private NodeState state(Service s, String node) {
    return s.nodes.get(node);
  }

  @Override
  public Optional<PubSubNode> node(Jid service, String node) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      return n == null ? Optional.empty() : Optional.of(n.node);
    }
  }

  @Override
  public List<PubSubNode> nodes(Jid service) {
    Service s = service(service);
    synchronized (s) {
      List<PubSubNode> all = new ArrayList<>();
      for (NodeState n : s.nodes.values()) {
        all.add(n.node);
      }
      return all;
    }
  }

  @Override
  public boolean createNode(PubSubNode node) {
    Service s = service(node.service());
    synchronized (s) {
      return s.nodes.putIfAbsent(node.node(), new NodeState(node)) == null;
    }
  }

  @Override
  public void updateNode(PubSubNode node) {
    Service s = service(node.service());
    synchronized (s) {
      NodeState n = state(s, node.node());
      if (n != null) {
        n.node = node;
      }
    }
  }

  @Override
  public boolean deleteNode(Jid service, String node) {
    Service s = service(service);
    synchronized (s) {
      return s.nodes.remove(node) != null;
    }
  }

  @Override
  public void publish(Jid service, String node, PubSubItem item, int maxItems) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      if (n == null) {
        return;
      }
      n.items.remove(item.id());
      n.items.put(item.id(), item);
      Iterator<String> oldest = n.items.keySet().iterator();
      while (n.items.size() > Math.max(0, maxItems) && oldest.hasNext()) {
        oldest.next();
        oldest.remove();
      }
    }
  }

  @Override
  public boolean retract(Jid service, String node, String itemId) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      return n != null && n.items.remove(itemId) != null;
    }
  }

  @Override
  public List<PubSubItem> items(Jid service, String node, int max) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      if (n == null) {
        return List.of();
      }
      List<PubSubItem> all = new ArrayList<>(n.items.values());
      List<PubSubItem> newest = new ArrayList<>(Math.min(all.size(), Math.max(0, max)));
      for (int i = all.size() - 1; i >= 0 && newest.size() < max; i--) {
        newest.add(all.get(i));
      }
      return newest;
    }
  }

  @Override
  public Optional<PubSubItem> item(Jid service, String node, String itemId) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      return n == null ? Optional.empty() : Optional.ofNullable(n.items.get(itemId));
    }
  }

  @Override
  public void purge(Jid service, String node) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      if (n != null) {
        n.items.clear();
      }
    }
  }

  @Override
  public List<PubSubSubscription> subscriptions(Jid service, String node) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      if (n == null) {
        return List.of();
      }
      List<PubSubSubscription> all = new ArrayList<>(n.subscriptions.size());
      for (List<PubSubSubscription> mine : n.subscriptions.values()) {
        all.addAll(mine);
      }
      return all;
    }
  }

  @Override
  public List<PubSubSubscription> subscriptions(Jid service, String node, Jid jid) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      List<PubSubSubscription> mine = n == null ? null : n.subscriptions.get(jid);
      return mine == null ? List.of() : List.copyOf(mine);
    }
  }

  @Override
  public void putSubscription(PubSubSubscription sub) {
    Service s = service(sub.service());
    synchronized (s) {
      NodeState n = state(s, sub.node());
      if (n == null) {
        return;
      }
      List<PubSubSubscription> mine =
          n.subscriptions.computeIfAbsent(sub.jid(), j -> new ArrayList<>(1));
      for (int i = 0; i < mine.size(); i++) {
        if (mine.get(i).subId().equals(sub.subId())) {
          mine.set(i, sub);
          return;
        }
      }
      mine.add(sub);
    }
  }

  @Override
  public boolean removeSubscription(Jid service, String node, Jid jid, String subId) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      List<PubSubSubscription> mine = n == null ? null : n.subscriptions.get(jid);
      if (mine == null || !mine.removeIf(sub -> sub.subId().equals(subId))) {
        return false;
      }
      if (mine.isEmpty()) {
        n.subscriptions.remove(jid);
      }
      return true;
    }
  }

  @Override
  public Map<Jid, PubSubAffiliation> affiliations(Jid service, String node) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      return n == null ? Map.of() : new LinkedHashMap<>(n.affiliations);
    }
  }

  @Override
  public void setAffiliation(Jid service, String node, Jid jid, PubSubAffiliation affiliation) {
    Service s = service(service);
    synchronized (s) {
      NodeState n = state(s, node);
      if (n == null) {
        return;
      }
      if (affiliation == PubSubAffiliation.NONE) {
        n.affiliations.remove(jid.asBare());
      } else {
        n.affiliations.put(jid.asBare(), affiliation);
      }
    }
  }

  @Override
  public void deleteService(Jid service) {
    services.remove(service);
  }
}
