package io.parley.embedded.internal.feature.pubsub;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.PubSubAffiliation;
import io.parley.spi.storage.PubSubItem;
import io.parley.spi.storage.PubSubNode;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.PubSubSubscription;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A store that hands every call to another; subclasses override the calls they change. */
class ForwardingStore implements PubSubStore {
  final PubSubStore store; // the store calls go to

  ForwardingStore(PubSubStore store) {
    this.store = store;
  }

  @Override
  public Optional<PubSubNode> node(Jid service, String node) {
    return store.node(service, node);
  }

  @Override
  public List<PubSubNode> nodes(Jid service) {
    return store.nodes(service);
  }

  @Override
  public boolean createNode(PubSubNode node) {
    return store.createNode(node);
  }

  @Override
  public void updateNode(PubSubNode node) {
    store.updateNode(node);
  }

  @Override
  public boolean deleteNode(Jid service, String node) {
    return store.deleteNode(service, node);
  }

  @Override
  public void publish(Jid service, String node, PubSubItem item, int maxItems) {
    store.publish(service, node, item, maxItems);
  }

  @Override
  public boolean retract(Jid service, String node, String itemId) {
    return store.retract(service, node, itemId);
  }

  @Override
  public List<PubSubItem> items(Jid service, String node, int max) {
    return store.items(service, node, max);
  }

  @Override
  public Optional<PubSubItem> item(Jid service, String node, String itemId) {
    return store.item(service, node, itemId);
  }

  @Override
  public void purge(Jid service, String node) {
    store.purge(service, node);
  }

  @Override
  public List<PubSubSubscription> subscriptions(Jid service, String node) {
    return store.subscriptions(service, node);
  }

  @Override
  public List<PubSubSubscription> subscriptions(Jid service, String node, Jid jid) {
    return store.subscriptions(service, node, jid);
  }

  @Override
  public void putSubscription(PubSubSubscription subscription) {
    store.putSubscription(subscription);
  }

  @Override
  public boolean removeSubscription(Jid service, String node, Jid jid, String subId) {
    return store.removeSubscription(service, node, jid, subId);
  }

  @Override
  public Map<Jid, PubSubAffiliation> affiliations(Jid service, String node) {
    return store.affiliations(service, node);
  }

  @Override
  public void setAffiliation(Jid service, String node, Jid jid, PubSubAffiliation affiliation) {
    store.setAffiliation(service, node, jid, affiliation);
  }

  @Override
  public void deleteService(Jid service) {
    store.deleteService(service);
  }
}
