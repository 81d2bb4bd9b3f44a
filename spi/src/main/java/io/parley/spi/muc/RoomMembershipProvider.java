package io.parley.spi.muc;

import io.parley.spi.stanza.Jid;
import java.util.Map;

/**
 * Affiliations the host supplies for group chat rooms, for example from its own teams or groups
 * (XEP-0045 §5.2). They are merged over the room's own list: for a user the provider names, the
 * provider's affiliation wins. When the host's groups change, it calls
 * {@code Parley.rooms().membershipChanged(room)}; Parley reads the room again and applies the
 * difference to the occupants as an admin would (XEP-0045 §9.3–§9.8, with status code 321 for a
 * member removed from a members-only room).
 *
 * <p>Called from Parley's blocking executor; may block; must be thread-safe. Exceptions are
 * logged and the room keeps its previous host affiliations.
 */
@FunctionalInterface
public interface RoomMembershipProvider {
  /**
   * The host's affiliations for a room, by bare user JID; empty when the host has none for it.
   *
   * @param room the room's bare JID, e.g. {@code team-blue@conference.example.com}
   */
  Map<Jid, RoomAffiliation> affiliations(Jid room);
}
