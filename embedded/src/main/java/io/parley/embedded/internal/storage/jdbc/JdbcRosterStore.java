package io.parley.embedded.internal.storage.jdbc;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.RosterStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rosters, one row per item, and a version counter per user that every change increments in the
 * same transaction. The counter survives restarts and account deletion, so a version a client
 * cached is never issued again for different contents (XEP-0237 §4).
 */
final class JdbcRosterStore implements RosterStore {
  private static final String COLUMNS =
      "contact, name, subscription, ask_subscribe, approved, groups_encoded";

  private final Jdbc jdbc;

  JdbcRosterStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<RosterItem> items(Jid user) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM parley_roster_item WHERE owner = ?")) {
        s.setString(1, user.asBare().toString());
        try (ResultSet r = s.executeQuery()) {
          List<RosterItem> items = new ArrayList<>();
          while (r.next()) {
            items.add(item(r));
          }
          return items;
        }
      }
    });
  }

  @Override
  public Optional<RosterItem> item(Jid user, Jid contact) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
          + " FROM parley_roster_item WHERE owner = ? AND contact = ?")) {
        s.setString(1, user.asBare().toString());
        s.setString(2, contact.toString());
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(item(r)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public String put(Jid user, RosterItem item) {
    String owner = user.asBare().toString();
    return jdbc.transaction(c -> {
      long version = nextVersion(c, owner);
      jdbc.upsert(c, "parley_roster_item", new String[] {"owner", "contact"},
          new String[] {"name", "subscription", "ask_subscribe", "approved", "groups_encoded"},
          owner, item.jid().toString(), item.name(), item.subscription().name(),
          item.askSubscribe(), item.approved(), encodeGroups(item.groups()));
      return Long.toString(version);
    });
  }

  @Override
  public String remove(Jid user, Jid contact) {
    String owner = user.asBare().toString();
    return jdbc.transaction(c -> {
      long version = nextVersion(c, owner);
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_roster_item WHERE owner = ? AND contact = ?")) {
        s.setString(1, owner);
        s.setString(2, contact.toString());
        s.executeUpdate();
      }
      return Long.toString(version);
    });
  }

  @Override
  public String version(Jid user) {
    return jdbc.read(c -> Long.toString(currentVersion(c, user.asBare().toString())));
  }

  @Override
  public void deleteUser(Jid user) {
    String owner = user.asBare().toString();
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_roster_item WHERE owner = ?")) {
        s.setString(1, owner);
        if (s.executeUpdate() > 0) {
          nextVersion(c, owner);
        }
      }
      return null;
    });
  }

  // Increments the user's counter, taking its row lock: changes to one roster are serialized.
  private long nextVersion(Connection c, String owner) throws SQLException {
    for (int attempt = 0; attempt < 2; attempt++) {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE parley_roster_version SET version = version + 1 WHERE owner = ?")) {
        s.setString(1, owner);
        if (s.executeUpdate() == 1) {
          return currentVersion(c, owner);
        }
      }
      if (jdbc.insertIgnoring(c, "parley_roster_version", new String[] {"owner"},
          new String[] {"version"}, owner, 1L) == 1) {
        return 1;
      }
      // A concurrent first change created the row: increment that one.
    }
    throw new SQLException("roster version row of " + owner + " vanished");
  }

  private static long currentVersion(Connection c, String owner) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT version FROM parley_roster_version WHERE owner = ?")) {
      s.setString(1, owner);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  private static RosterItem item(ResultSet r) throws SQLException {
    return new RosterItem(Jid.of(r.getString(1)), r.getString(2),
        Subscription.valueOf(r.getString(3)), r.getBoolean(4), r.getBoolean(5),
        decodeGroups(r.getString(6)));
  }

  /** Length-prefixed names: {@code 5:Hello3:abc}; any character may appear in a name. */
  static String encodeGroups(Set<String> groups) {
    StringBuilder b = new StringBuilder();
    for (String g : groups) {
      b.append(g.length()).append(':').append(g);
    }
    return b.toString();
  }

  static Set<String> decodeGroups(String encoded) {
    Set<String> groups = new LinkedHashSet<>();
    int i = 0;
    while (i < encoded.length()) {
      int colon = encoded.indexOf(':', i);
      int length = Integer.parseInt(encoded, i, colon, 10);
      groups.add(encoded.substring(colon + 1, colon + 1 + length));
      i = colon + 1 + length;
    }
    return groups;
  }
}
