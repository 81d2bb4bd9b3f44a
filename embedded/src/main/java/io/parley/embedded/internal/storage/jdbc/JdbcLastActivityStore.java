package io.parley.embedded.internal.storage.jdbc;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.LastActivity;
import io.parley.spi.storage.LastActivityStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;

/** Each user's last logout, one row per user. */
final class JdbcLastActivityStore implements LastActivityStore {
  private final Jdbc jdbc;

  JdbcLastActivityStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<LastActivity> get(Jid user) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT logged_out, status FROM parley_last_activity WHERE owner = ?")) {
        s.setString(1, user.asBare().toString());
        try (ResultSet r = s.executeQuery()) {
          return r.next()
              ? Optional.of(new LastActivity(Nanos.toInstant(r.getLong(1)), r.getString(2)))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public void put(Jid user, LastActivity activity) {
    putAll(Map.of(user, activity));
  }

  @Override
  public void putAll(Map<Jid, LastActivity> logouts) {
    jdbc.transaction(c -> {
      for (Map.Entry<Jid, LastActivity> e : logouts.entrySet()) {
        jdbc.upsert(c, "parley_last_activity", new String[] {"owner"},
            new String[] {"logged_out", "status"}, e.getKey().asBare().toString(),
            Nanos.of(e.getValue().loggedOut()), e.getValue().status());
      }
      return null;
    });
  }

  @Override
  public void deleteUser(Jid user) {
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_last_activity WHERE owner = ?")) {
        s.setString(1, user.asBare().toString());
        s.executeUpdate();
      }
      return null;
    });
  }
}
