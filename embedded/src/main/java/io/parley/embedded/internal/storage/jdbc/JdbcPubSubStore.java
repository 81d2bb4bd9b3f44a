package io.parley.embedded.internal.storage.jdbc;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.PubSubAffiliation;
import io.parley.spi.storage.PubSubItem;
import io.parley.spi.storage.PubSubNode;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.PubSubSubscription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pub-sub nodes with their items, subscriptions and affiliations. Children hang off the node's
 * generated key and go with it (ON DELETE CASCADE). Writes to a node's items or subscriptions
 * first bump the node's counter: that takes the node row's lock, so concurrent writers to one
 * node queue up, and gives each new item or subscription its position.
 */
final class JdbcPubSubStore implements PubSubStore {
  private static final String NODE_COLUMNS = "service, node, creator, created, config";
  private static final String ITEM_COLUMNS = "item_id, publisher, published, payload";
  private static final String SUBSCRIPTION_COLUMNS = "jid, sub_id, state, options";

  private final Jdbc jdbc;

  JdbcPubSubStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<PubSubNode> node(Jid service, String node) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + NODE_COLUMNS
          + " FROM parley_pubsub_node WHERE service = ? AND node = ?")) {
        s.setString(1, service.toString());
        s.setString(2, node);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(node(r)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<PubSubNode> nodes(Jid service) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + NODE_COLUMNS
          + " FROM parley_pubsub_node WHERE service = ? ORDER BY seq")) {
        s.setString(1, service.toString());
        try (ResultSet r = s.executeQuery()) {
          List<PubSubNode> nodes = new ArrayList<>();
          while (r.next()) {
            nodes.add(node(r));
          }
          return nodes;
        }
      }
    });
  }

  @Override
  public boolean createNode(PubSubNode node) {
    String creator = node.creator() == null ? null : node.creator().toString();
    return jdbc.transaction(c -> jdbc.insertIgnoring(c, "parley_pubsub_node",
        new String[] {"service", "node"}, new String[] {"creator", "created", "config", "counter"},
        node.service().toString(), node.node(), creator, Nanos.of(node.created()),
        FormValues.encode(node.config()), 0L) == 1);
  }

  @Override
  public void updateNode(PubSubNode node) {
    String config = FormValues.encode(node.config());
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE parley_pubsub_node SET config = ? WHERE service = ? AND node = ?")) {
        s.setString(1, config);
        s.setString(2, node.service().toString());
        s.setString(3, node.node());
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public boolean deleteNode(Jid service, String node) {
    return jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_pubsub_node WHERE service = ? AND node = ?")) {
        s.setString(1, service.toString());
        s.setString(2, node);
        return s.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void publish(Jid service, String node, PubSubItem item, int maxItems) {
    String publisher = item.publisher() == null ? null : item.publisher().toString();
    String payload = item.payload() == null ? null : XmlCodec.write(item.payload());
    jdbc.transaction(c -> {
      long[] position = lockNode(c, service, node);
      if (position == null) {
        return null;
      }
      long nodeSeq = position[0];
      // A republished id counts as the newest: it takes the new position.
      jdbc.upsert(c, "parley_pubsub_item", new String[] {"node_seq", "item_id"},
          new String[] {"position", "publisher", "published", "payload"},
          nodeSeq, item.id(), position[1], publisher, Nanos.of(item.published()), payload);
      trim(c, nodeSeq, Math.max(0, maxItems));
      return null;
    });
  }

  // Deletes every item older than the newest keep.
  private static void trim(Connection c, long nodeSeq, int keep) throws SQLException {
    Long oldestDropped = null;
    try (PreparedStatement s = c.prepareStatement("SELECT position FROM parley_pubsub_item"
        + " WHERE node_seq = ? ORDER BY position DESC OFFSET ? ROWS FETCH FIRST 1 ROWS ONLY")) {
      s.setLong(1, nodeSeq);
      s.setInt(2, keep);
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) {
          oldestDropped = r.getLong(1);
        }
      }
    }
    if (oldestDropped != null) {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_pubsub_item WHERE node_seq = ? AND position <= ?")) {
        s.setLong(1, nodeSeq);
        s.setLong(2, oldestDropped);
        s.executeUpdate();
      }
    }
  }

  @Override
  public boolean retract(Jid service, String node, String itemId) {
    return jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_pubsub_item"
          + " WHERE node_seq = " + NODE_SEQ + " AND item_id = ?")) {
        s.setString(1, service.toString());
        s.setString(2, node);
        s.setString(3, itemId);
        return s.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<PubSubItem> items(Jid service, String node, int max) {
    if (max <= 0) {
      return List.of();
    }
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + ITEM_COLUMNS
          + " FROM parley_pubsub_item WHERE node_seq = " + NODE_SEQ
          + " ORDER BY position DESC FETCH FIRST ? ROWS ONLY")) {
        s.setString(1, service.toString());
        s.setString(2, node);
        s.setInt(3, max);
        try (ResultSet r = s.executeQuery()) {
          List<PubSubItem> items = new ArrayList<>();
          while (r.next()) {
            items.add(item(r));
          }
          return items;
        }
      }
    });
  }

  @Override
  public Optional<PubSubItem> item(Jid service, String node, String itemId) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + ITEM_COLUMNS
          + " FROM parley_pubsub_item WHERE node_seq = " + NODE_SEQ + " AND item_id = ?")) {
        s.setString(1, service.toString());
        s.setString(2, node);
        s.setString(3, itemId);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(item(r)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void purge(Jid service, String node) {
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_pubsub_item WHERE node_seq = " + NODE_SEQ)) {
        s.setString(1, service.toString());
        s.setString(2, node);
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<PubSubSubscription> subscriptions(Jid service, String node) {
    return subscriptions(service, node, "");
  }

  @Override
  public List<PubSubSubscription> subscriptions(Jid service, String node, Jid jid) {
    return subscriptions(service, node, jid.toString());
  }

  // jid "" for all of the node's subscriptions.
  private List<PubSubSubscription> subscriptions(Jid service, String node, String jid) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + SUBSCRIPTION_COLUMNS
          + " FROM parley_pubsub_subscription WHERE node_seq = " + NODE_SEQ
          + (jid.isEmpty() ? "" : " AND jid = ?") + " ORDER BY position")) {
        s.setString(1, service.toString());
        s.setString(2, node);
        if (!jid.isEmpty()) {
          s.setString(3, jid);
        }
        try (ResultSet r = s.executeQuery()) {
          List<PubSubSubscription> subscriptions = new ArrayList<>();
          while (r.next()) {
            subscriptions.add(new PubSubSubscription(service, node, Jid.of(r.getString(1)),
                r.getString(2), PubSubSubscription.State.valueOf(r.getString(3)),
                FormValues.decode(r.getString(4))));
          }
          return subscriptions;
        }
      }
    });
  }

  @Override
  public void putSubscription(PubSubSubscription sub) {
    String options = FormValues.encode(sub.options());
    jdbc.transaction(c -> {
      long[] position = lockNode(c, sub.service(), sub.node());
      if (position == null) {
        return null;
      }
      // A replaced subscription keeps its place in the order.
      try (PreparedStatement s = c.prepareStatement("UPDATE parley_pubsub_subscription"
          + " SET state = ?, options = ? WHERE node_seq = ? AND jid = ? AND sub_id = ?")) {
        s.setString(1, sub.state().name());
        s.setString(2, options);
        s.setLong(3, position[0]);
        s.setString(4, sub.jid().toString());
        s.setString(5, sub.subId());
        if (s.executeUpdate() > 0) {
          return null;
        }
      }
      try (PreparedStatement s = c.prepareStatement("INSERT INTO parley_pubsub_subscription"
          + " (node_seq, jid, sub_id, position, state, options) VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setLong(1, position[0]);
        s.setString(2, sub.jid().toString());
        s.setString(3, sub.subId());
        s.setLong(4, position[1]);
        s.setString(5, sub.state().name());
        s.setString(6, options);
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public boolean removeSubscription(Jid service, String node, Jid jid, String subId) {
    return jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_pubsub_subscription"
          + " WHERE node_seq = " + NODE_SEQ + " AND jid = ? AND sub_id = ?")) {
        s.setString(1, service.toString());
        s.setString(2, node);
        s.setString(3, jid.toString());
        s.setString(4, subId);
        return s.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Map<Jid, PubSubAffiliation> affiliations(Jid service, String node) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT jid, affiliation"
          + " FROM parley_pubsub_affiliation WHERE node_seq = " + NODE_SEQ + " ORDER BY jid")) {
        s.setString(1, service.toString());
        s.setString(2, node);
        try (ResultSet r = s.executeQuery()) {
          Map<Jid, PubSubAffiliation> affiliations = new LinkedHashMap<>();
          while (r.next()) {
            affiliations.put(Jid.of(r.getString(1)), PubSubAffiliation.valueOf(r.getString(2)));
          }
          return affiliations;
        }
      }
    });
  }

  @Override
  public void setAffiliation(Jid service, String node, Jid jid, PubSubAffiliation affiliation) {
    String bare = jid.asBare().toString();
    jdbc.transaction(c -> {
      Long nodeSeq = nodeSeq(c, service, node);
      if (nodeSeq == null) {
        return null;
      }
      if (affiliation == PubSubAffiliation.NONE) {
        try (PreparedStatement s = c.prepareStatement(
            "DELETE FROM parley_pubsub_affiliation WHERE node_seq = ? AND jid = ?")) {
          s.setLong(1, nodeSeq);
          s.setString(2, bare);
          s.executeUpdate();
        }
      } else {
        jdbc.upsert(c, "parley_pubsub_affiliation", new String[] {"node_seq", "jid"},
            new String[] {"affiliation"}, nodeSeq, bare, affiliation.name());
      }
      return null;
    });
  }

  @Override
  public void deleteService(Jid service) {
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_pubsub_node WHERE service = ?")) {
        s.setString(1, service.toString());
        s.executeUpdate();
      }
      return null;
    });
  }

  // The node's key by service and name: parameters 1 and 2.
  private static final String NODE_SEQ =
      "(SELECT seq FROM parley_pubsub_node WHERE service = ? AND node = ?)";

  private static Long nodeSeq(Connection c, Jid service, String node) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT seq FROM parley_pubsub_node WHERE service = ? AND node = ?")) {
      s.setString(1, service.toString());
      s.setString(2, node);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : null;
      }
    }
  }

  /**
   * Bumps the node's counter, holding its row lock until commit: {node key, new position}, or
   * null if there is no such node.
   */
  private static long[] lockNode(Connection c, Jid service, String node) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE parley_pubsub_node"
        + " SET counter = counter + 1 WHERE service = ? AND node = ?")) {
      s.setString(1, service.toString());
      s.setString(2, node);
      if (s.executeUpdate() == 0) {
        return null;
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT seq, counter FROM parley_pubsub_node WHERE service = ? AND node = ?")) {
      s.setString(1, service.toString());
      s.setString(2, node);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("pub-sub node row vanished under its lock");
        }
        return new long[] {r.getLong(1), r.getLong(2)};
      }
    }
  }

  private static PubSubNode node(ResultSet r) throws SQLException {
    String creator = r.getString(3);
    return new PubSubNode(Jid.of(r.getString(1)), r.getString(2),
        creator == null ? null : Jid.of(creator), Nanos.toInstant(r.getLong(4)),
        FormValues.decode(r.getString(5)));
  }

  private static PubSubItem item(ResultSet r) throws SQLException {
    String publisher = r.getString(2);
    String payload = r.getString(4);
    Element element = payload == null ? null : XmlCodec.read(payload);
    return new PubSubItem(r.getString(1), publisher == null ? null : Jid.of(publisher),
        Nanos.toInstant(r.getLong(3)), element);
  }
}
