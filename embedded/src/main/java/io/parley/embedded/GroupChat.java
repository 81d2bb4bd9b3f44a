package io.parley.embedded;

import io.parley.embedded.internal.feature.muc.MucService;
import io.parley.spi.muc.RoomAffiliation;
import io.parley.spi.muc.RoomMembershipProvider;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Host code's hand on the XEP-0045 group chat service ({@link Parley#groupChat()}): it creates,
 * configures and destroys rooms, sets affiliations, and posts into rooms as the room itself.
 * Changes reach the occupants exactly as if an owner had made them (presence with the new
 * affiliation and role, status 301 or 321 for those who must leave). Thread-safe; no method
 * blocks on the network.
 *
 * <p>Configuration values use the field names of the room configuration form (XEP-0045
 * §15.5.3), for example {@code muc#roomconfig_membersonly = 1} or
 * {@code muc#roomconfig_roomname = Team Blue}; fields left out keep their defaults.
 *
 * <pre>{@code
 * Jid room = Jid.of("team-blue@conference.example.com");
 * parley.groupChat().createRoom(room,
 *     Map.of("muc#roomconfig_membersonly", List.of("1"), "muc#roomconfig_persistentroom", List.of("1")),
 *     Map.of(Jid.of("alice@example.com"), RoomAffiliation.OWNER,
 *            Jid.of("bob@example.com"), RoomAffiliation.MEMBER));
 * parley.groupChat().post(room, "Stand-up in five minutes");
 * }</pre>
 */
public final class GroupChat {
  private final MucService service;

  GroupChat(MucService service) {
    this.service = service;
  }

  /** The service's domain, e.g. {@code conference.example.com}. */
  public String domain() {
    return service.domain();
  }

  /**
   * Creates a room, unlocked and ready to enter; false if it already exists.
   *
   * @throws IllegalArgumentException if the JID is not a room of this service
   * @throws io.parley.spi.handler.StanzaErrorException {@code not-acceptable} for a bad value
   */
  public boolean createRoom(Jid room, Map<String, List<String>> config,
      Map<Jid, RoomAffiliation> affiliations) {
    return service.createRoom(room, config, affiliations);
  }

  /**
   * Changes a room's configuration; occupants get status 104 (and 170–173 where they apply).
   *
   * @throws io.parley.spi.handler.StanzaErrorException {@code item-not-found} if there is no
   *     such room, {@code not-acceptable} for a bad value
   */
  public void configure(Jid room, Map<String, List<String>> config) {
    service.configure(room, config);
  }

  /** Sets a user's affiliation ({@code NONE} removes it); occupants are told. */
  public void setAffiliation(Jid room, Jid user, RoomAffiliation affiliation) {
    service.setAffiliation(room, user, affiliation);
  }

  /** The room's affiliations, those of the {@link RoomMembershipProvider} included. */
  public Map<Jid, RoomAffiliation> affiliations(Jid room) {
    return service.affiliations(room);
  }

  /** Destroys a room; occupants are told, with the alternate venue if not null (§10.9). */
  public void destroy(Jid room, String reason, Jid alternate) {
    service.destroy(room, reason, alternate);
  }

  /** Posts a groupchat message from the room itself to every occupant, kept in history. */
  public void post(Jid room, String body) {
    service.post(room, new Message(room, null, null, Message.Type.GROUPCHAT, null,
        List.of(Element.builder("body", Stanza.CLIENT_NAMESPACE).text(body).build())));
  }

  /**
   * Tells Parley that the host's affiliations for a room changed: they are read again from the
   * {@link RoomMembershipProvider} and applied to the occupants.
   */
  public void membershipChanged(Jid room) {
    service.refreshMembership(room);
  }

  /** The rooms that exist now. */
  public Set<Jid> rooms() {
    return service.rooms();
  }
}
