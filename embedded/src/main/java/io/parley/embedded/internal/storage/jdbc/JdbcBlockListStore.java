package io.parley.embedded.internal.storage.jdbc;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.BlockListStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** Block lists, one row per blocked JID; each block or unblock is one transaction. */
final class JdbcBlockListStore implements BlockListStore {
  private final Jdbc jdbc;

  JdbcBlockListStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Set<Jid> blocked(Jid user) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT blocked FROM parley_block WHERE owner = ? ORDER BY blocked")) {
        s.setString(1, user.asBare().toString());
        try (ResultSet r = s.executeQuery()) {
          Set<Jid> blocked = new LinkedHashSet<>();
          while (r.next()) {
            blocked.add(Jid.of(r.getString(1)));
          }
          return Set.copyOf(blocked);
        }
      }
    });
  }

  @Override
  public void block(Jid user, Set<Jid> jids) {
    String owner = user.asBare().toString();
    jdbc.transaction(c -> {
      for (Jid jid : jids) {
        jdbc.insertIgnoring(c, "parley_block", new String[] {"owner", "blocked"}, new String[0],
            owner, jid.toString());
      }
      return null;
    });
  }

  @Override
  public void unblock(Jid user, Set<Jid> jids) {
    String owner = user.asBare().toString();
    jdbc.transaction(c -> {
      if (jids.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_block WHERE owner = ?")) {
          s.setString(1, owner);
          s.executeUpdate();
        }
        return null;
      }
      try (PreparedStatement s = c.prepareStatement(
          "DELETE FROM parley_block WHERE owner = ? AND blocked = ?")) {
        for (Jid jid : jids) {
          s.setString(1, owner);
          s.setString(2, jid.toString());
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  @Override
  public void deleteUser(Jid user) {
    unblock(user, Set.of());
  }
}
