package io.parley.embedded.internal.storage.jdbc;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.storage.OfflineStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline messages in stored order. Each user's owner row is a lock that {@link #store} and
 * {@link #takeAll} take first, so the limit holds under concurrent senders and a take never
 * races a store. See the package documentation for what a crash between take and delivery does.
 */
final class JdbcOfflineStore implements OfflineStore {
  private final Jdbc jdbc;

  JdbcOfflineStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean store(Jid user, Message message, int limit) {
    String owner = user.asBare().toString();
    String stanza = XmlCodec.write(message);
    return jdbc.transaction(c -> {
      lock(c, owner);
      if (count(c, owner) >= limit) {
        return false;
      }
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO parley_offline_message (owner, stanza) VALUES (?, ?)")) {
        s.setString(1, owner);
        s.setString(2, stanza);
        s.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public List<Message> takeAll(Jid user) {
    String owner = user.asBare().toString();
    return jdbc.transaction(c -> {
      if (!tryLock(c, owner)) {
        return List.of(); // nothing was ever stored for this user
      }
      List<Message> messages = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT stanza FROM parley_offline_message WHERE owner = ? ORDER BY seq")) {
        s.setString(1, owner);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            messages.add(XmlCodec.readMessage(r.getString(1)));
          }
        }
      }
      if (!messages.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement(
            "DELETE FROM parley_offline_message WHERE owner = ?")) {
          s.setString(1, owner);
          s.executeUpdate();
        }
      }
      return messages;
    });
  }

  @Override
  public int count(Jid user) {
    return jdbc.read(c -> count(c, user.asBare().toString()));
  }

  @Override
  public void deleteUser(Jid user) {
    String owner = user.asBare().toString();
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_offline_message WHERE owner = ?")) {
        s.setString(1, owner);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_offline_owner WHERE owner = ?")) {
        s.setString(1, owner);
        s.executeUpdate();
      }
      return null;
    });
  }

  private void lock(Connection c, String owner) throws SQLException {
    if (!tryLock(c, owner)) {
      jdbc.insertIgnoring(c, "parley_offline_owner", new String[] {"owner"}, new String[0], owner);
      if (!tryLock(c, owner)) {
        throw new SQLException("offline owner row of " + owner + " vanished");
      }
    }
  }

  private static boolean tryLock(Connection c, String owner) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT owner FROM parley_offline_owner WHERE owner = ? FOR UPDATE")) {
      s.setString(1, owner);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static int count(Connection c, String owner) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT COUNT(*) FROM parley_offline_message WHERE owner = ?")) {
      s.setString(1, owner);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }
}
