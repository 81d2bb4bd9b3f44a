package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publish-subscribe state (XEP-0060, and XEP-0163 personal eventing): nodes with their
 * configuration, items, subscriptions and affiliations, per service. A service is a JID: the
 * pub-sub service's domain ({@code pubsub.example.com}) or, for PEP, an account's bare JID.
 *
 * <p>Called from Parley's blocking executor; may block; must be thread-safe; writes are durable
 * when they return. Parley serializes the operations on one service, so a store need not make
 * multi-call sequences atomic. Returned lists are snapshots the caller may keep.
 */
public interface PubSubStore {
  /** The node, or empty. */
  Optional<PubSubNode> node(Jid service, String node);

  /** Every node of a service, in creation order. */
  List<PubSubNode> nodes(Jid service);

  /** Creates a node; false (and no change) if the service already has one by that name. */
  boolean createNode(PubSubNode node);

  /** Replaces the configuration of an existing node (XEP-0060 §8.2). */
  void updateNode(PubSubNode node);

  /** Deletes a node with its items, subscriptions and affiliations; false if there was none. */
  boolean deleteNode(Jid service, String node);

  /**
   * Stores an item, replacing one with the same id (which then counts as the newest), and drops
   * the oldest items beyond {@code maxItems} (XEP-0060 §7.1.2, {@code pubsub#max_items}).
   */
  void publish(Jid service, String node, PubSubItem item, int maxItems);

  /** Deletes an item; false if there was none by that id (XEP-0060 §7.2). */
  boolean retract(Jid service, String node, String itemId);

  /** Up to {@code max} items, newest first (XEP-0060 §6.5.7). */
  List<PubSubItem> items(Jid service, String node, int max);

  /** The item with this id, or empty. */
  Optional<PubSubItem> item(Jid service, String node, String itemId);

  /** Deletes every item of a node (XEP-0060 §8.5). */
  void purge(Jid service, String node);

  /** The node's subscriptions, in the order they were made. */
  List<PubSubSubscription> subscriptions(Jid service, String node);

  /** The subscriptions of one JID (exactly as subscribed, bare or full) to the node. */
  List<PubSubSubscription> subscriptions(Jid service, String node, Jid jid);

  /** Adds a subscription or replaces the one with the same node, JID and subid. */
  void putSubscription(PubSubSubscription subscription);

  /** Removes a subscription; false if there was none. */
  boolean removeSubscription(Jid service, String node, Jid jid, String subId);

  /** The node's affiliations other than {@code none}. */
  Map<Jid, PubSubAffiliation> affiliations(Jid service, String node);

  /** Sets an affiliation of a bare JID; {@link PubSubAffiliation#NONE} removes it. */
  void setAffiliation(Jid service, String node, Jid jid, PubSubAffiliation affiliation);

  /** Drops all state of a service (a deleted account's PEP nodes). */
  void deleteService(Jid service);
}
