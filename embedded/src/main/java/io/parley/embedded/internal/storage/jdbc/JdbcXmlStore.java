package io.parley.embedded.internal.storage.jdbc;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.XmlStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** vCards and private XML documents, one row per user and key. */
final class JdbcXmlStore implements XmlStore {
  private final Jdbc jdbc;

  JdbcXmlStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Element> get(Jid user, String key) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT document FROM parley_xml WHERE owner = ? AND doc_key = ?")) {
        s.setString(1, user.asBare().toString());
        s.setString(2, key);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(XmlCodec.read(r.getString(1))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void put(Jid user, String key, Element element) {
    String owner = user.asBare().toString();
    if (element == null) {
      jdbc.transaction(c -> {
        try (PreparedStatement s = c.prepareStatement(
            "DELETE FROM parley_xml WHERE owner = ? AND doc_key = ?")) {
          s.setString(1, owner);
          s.setString(2, key);
          s.executeUpdate();
        }
        return null;
      });
      return;
    }
    String document = XmlCodec.write(element);
    jdbc.transaction(c -> {
      jdbc.upsert(c, "parley_xml", new String[] {"owner", "doc_key"}, new String[] {"document"},
          owner, key, document);
      return null;
    });
  }

  @Override
  public void deleteUser(Jid user) {
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_xml WHERE owner = ?")) {
        s.setString(1, user.asBare().toString());
        s.executeUpdate();
      }
      return null;
    });
  }
}
