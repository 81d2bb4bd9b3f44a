package io.parley.embedded.internal.storage.jdbc;

import io.parley.spi.muc.RoomAffiliation;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.RoomRecord;
import io.parley.spi.storage.RoomStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Persistent group chat rooms, one row each, written whole by every save. */
final class JdbcRoomStore implements RoomStore {
  private final Jdbc jdbc;

  JdbcRoomStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<RoomRecord> rooms(String serviceDomain) {
    return jdbc.read(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT room, config, affiliations, subject FROM parley_room WHERE service = ?")) {
        s.setString(1, serviceDomain);
        try (ResultSet r = s.executeQuery()) {
          List<RoomRecord> rooms = new ArrayList<>();
          while (r.next()) {
            Map<String, List<String>> affiliations = FormValues.decode(r.getString(3));
            rooms.add(new RoomRecord(Jid.of(r.getString(1)), FormValues.decode(r.getString(2)),
                decodeAffiliations(affiliations), r.getString(4), decodeNicks(affiliations)));
          }
          return rooms;
        }
      }
    });
  }

  @Override
  public void save(RoomRecord room) {
    Jid jid = room.room().asBare();
    String config = FormValues.encode(room.config());
    String affiliations = encodeAffiliations(room.affiliations(), room.reservedNicks());
    jdbc.transaction(c -> {
      jdbc.upsert(c, "parley_room", new String[] {"room"},
          new String[] {"service", "config", "affiliations", "subject"},
          jid.toString(), jid.domain(), config, affiliations, room.subject());
      return null;
    });
  }

  @Override
  public void delete(Jid room) {
    jdbc.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM parley_room WHERE room = ?")) {
        s.setString(1, room.asBare().toString());
        s.executeUpdate();
      }
      return null;
    });
  }

  // As form values: bare JID → [affiliation's wire name] or [wire name, registered nickname]
  // (a reserved nickname always belongs to an affiliated user, so rows written before nicknames
  // existed read the same).
  private static String encodeAffiliations(Map<Jid, RoomAffiliation> affiliations,
      Map<Jid, String> nicks) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    affiliations.forEach((jid, a) -> {
      String nick = nicks.get(jid);
      fields.put(jid.toString(), nick == null ? List.of(a.wireName())
          : List.of(a.wireName(), nick));
    });
    return FormValues.encode(fields);
  }

  private static Map<Jid, RoomAffiliation> decodeAffiliations(Map<String, List<String>> fields) {
    Map<Jid, RoomAffiliation> affiliations = new LinkedHashMap<>();
    fields.forEach((jid, a) -> affiliations.put(Jid.of(jid), RoomAffiliation.fromWire(a.get(0))));
    return affiliations;
  }

  private static Map<Jid, String> decodeNicks(Map<String, List<String>> fields) {
    Map<Jid, String> nicks = new LinkedHashMap<>();
    fields.forEach((jid, a) -> {
      if (a.size() > 1) {
        nicks.put(Jid.of(jid), a.get(1));
      }
    });
    return nicks;
  }
}
