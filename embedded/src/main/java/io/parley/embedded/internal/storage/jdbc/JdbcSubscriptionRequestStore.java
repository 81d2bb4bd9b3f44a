package io.parley.embedded.internal.storage.jdbc;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.storage.SubscriptionRequestStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Pending inbound subscription requests, one row (the subscribe stanza) per requester. */
final class JdbcSubscriptionRequestStore implements SubscriptionRequestStore {
  private final Jdbc jdbc;

  JdbcSubscriptionRequestStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean has(Jid user, Jid requester) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM parley_subscription_request"
          + " WHERE owner = ? AND requester = ?")) {
        s.setString(1, user.asBare().toString());
        s.setString(2, requester.asBare().toString());
        try (ResultSet r = s.executeQuery()) {
          return r.next();
        }
      }
    });
  }

  @Override
  public void put(Jid user, Jid requester, Presence request) {
    String stanza = XmlCodec.write(request);
    jdbc.transaction(c -> {
      jdbc.upsert(c, "parley_subscription_request", new String[] {"owner", "requester"},
          new String[] {"stanza"}, user.asBare().toString(), requester.asBare().toString(),
          stanza);
      return null;
    });
  }

  @Override
  public void remove(Jid user, Jid requester) {
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_subscription_request"
          + " WHERE owner = ? AND requester = ?")) {
        s.setString(1, user.asBare().toString());
        s.setString(2, requester.asBare().toString());
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<Presence> pending(Jid user) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT stanza FROM parley_subscription_request WHERE owner = ?")) {
        s.setString(1, user.asBare().toString());
        try (ResultSet r = s.executeQuery()) {
          List<Presence> pending = new ArrayList<>();
          while (r.next()) {
            pending.add(XmlCodec.readPresence(r.getString(1)));
          }
          return pending;
        }
      }
    });
  }

  @Override
  public void deleteUser(Jid user) {
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_subscription_request WHERE owner = ?")) {
        s.setString(1, user.asBare().toString());
        s.executeUpdate();
      }
      return null;
    });
  }
}
