package io.parley.spi.storage;

import io.parley.spi.muc.RoomAffiliation;
import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lasting state of a persistent group chat room (XEP-0045 §10.1.3).
 *
 * @param room the room's bare JID
 * @param config the configuration form's values by field name ({@code muc#roomconfig_roomname}
 *     and the other {@code muc#roomconfig_*} fields), each a list of values as in a data form
 * @param affiliations the room's own affiliation list, by bare user JID; {@code NONE} is never
 *     stored
 * @param subject the current subject, or null for none
 * @param reservedNicks registered room nicknames (XEP-0045 §7.10) by bare user JID; every key
 *     also has an affiliation in {@code affiliations}
 */
public record RoomRecord(Jid room, Map<String, List<String>> config,
    Map<Jid, RoomAffiliation> affiliations, String subject, Map<Jid, String> reservedNicks) {
  public RoomRecord {
    Objects.requireNonNull(room, "room");
    config = Map.copyOf(config);
    affiliations = Map.copyOf(affiliations);
    reservedNicks = Map.copyOf(reservedNicks);
  }

  /** A room without registered nicknames. */
  public RoomRecord(Jid room, Map<String, List<String>> config,
      Map<Jid, RoomAffiliation> affiliations, String subject) {
    this(room, config, affiliations, subject, Map.of());
  }
}
