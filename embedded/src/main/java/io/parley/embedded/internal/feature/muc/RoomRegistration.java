package io.parley.embedded.internal.feature.muc;

import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.muc.RoomAffiliation;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.List;
import java.util.Map;

/**
 * Registering with a room (XEP-0045 §7.10, {@code jabber:iq:register} with the
 * {@code muc#register} form) and discovering one's registered nickname (§7.11). A registration
 * is a membership with a reserved nickname: registering makes an unaffiliated user a member,
 * {@code <remove/>} ends both (owners and admins keep their affiliation). Runs under the room's
 * lock.
 *
 * <pre>
 * &lt;iq type='set' to='room@conference.example'&gt;&lt;query xmlns='jabber:iq:register'&gt;
 *   &lt;x xmlns='jabber:x:data' type='submit'&gt;... muc#register_roomnick ...&lt;/x&gt;
 * &lt;/query&gt;&lt;/iq&gt;
 * </pre>
 */
final class RoomRegistration {
  static final String NAMESPACE = "jabber:iq:register";
  static final String FORM_TYPE = Muc.NAMESPACE + "#register";
  static final String ROOMNICK = "muc#register_roomnick";
  /** §7.11: the disco#info node that names the requester's registered nickname. */
  static final String NODE = "x-roomuser-item";
  static final String RESERVED = "This nickname is reserved";

  private RoomRegistration() {}

  /** Answers a registration get or set; null for an empty result. */
  static Element iq(Room room, Jid from, Element q, boolean get) {
    RoomAffiliation a = room.affiliation(from);
    if (a == RoomAffiliation.OUTCAST) {
      throw new StanzaErrorException(Condition.FORBIDDEN); // banned users do not register
    }
    if (a == RoomAffiliation.NONE && room.config.membersOnly()) {
      // A members-only room: membership comes from an admin, not from the user (Prosody).
      throw new StanzaErrorException(Condition.REGISTRATION_REQUIRED);
    }
    String registered = room.reservedNick(from);
    if (get) {
      if (registered != null) {
        // §7.10: already registered: <registered/> and the nickname.
        return Element.builder("query", NAMESPACE).child(Element.of("registered", NAMESPACE))
            .child(Muc.text("username", NAMESPACE, registered)).build();
      }
      return Element.builder("query", NAMESPACE).child(DataForms.form("form", FORM_TYPE)
          .title("Room registration")
          .field(ROOMNICK, "text-single", "Nickname")
          .build()).build();
    }
    if (q.child("remove", NAMESPACE) != null) {
      unregister(room, from);
      return null;
    }
    Element form = q.child("x", Muc.DATA);
    if (form == null) {
      throw new StanzaErrorException(Condition.BAD_REQUEST);
    }
    if ("cancel".equals(form.attribute("type"))) {
      return null; // XEP-0004 §3.3: the user cancelled; nothing changes
    }
    Map<String, List<String>> values = DataForms.values(form);
    List<String> formType = values.getOrDefault("FORM_TYPE", List.of());
    List<String> nicks = values.getOrDefault(ROOMNICK, List.of());
    if (!"submit".equals(form.attribute("type")) || !formType.equals(List.of(FORM_TYPE))
        || nicks.size() != 1) {
      throw new StanzaErrorException(Condition.BAD_REQUEST);
    }
    String nick = validNick(room, nicks.get(0));
    if (room.reservedByOther(nick, from)) {
      throw new StanzaErrorException(Condition.CONFLICT); // §7.10: reserved by someone else
    }
    Occupant using = room.byNick.get(nick);
    if (using != null && !using.jid.asBare().equals(from.asBare())) {
      throw new StanzaErrorException(Condition.CONFLICT); // in use by another user now
    }
    if (nick.equals(registered)) {
      return null;
    }
    if (room.ownAffiliation(from) == RoomAffiliation.NONE) {
      room.setOwnAffiliation(from, RoomAffiliation.MEMBER);
      room.reserve(from, nick);
      room.host.changed(room);
      room.affiliationChanged(from.asBare(), null, null); // the new membership, to everyone
    } else {
      room.reserve(from, nick);
      room.host.changed(room);
    }
    return null;
  }

  private static void unregister(Room room, Jid from) {
    RoomAffiliation own = room.ownAffiliation(from);
    room.unreserve(from);
    if (own == RoomAffiliation.MEMBER) {
      room.setOwnAffiliation(from, RoomAffiliation.NONE);
      room.host.changed(room);
      room.affiliationChanged(from.asBare(), null, null);
      room.leaveIfEmpty();
    } else {
      room.host.changed(room);
    }
  }

  // A nickname is a resourcepart of the room's JID (§7.2.1: else jid-malformed on entering),
  // so one that cannot be used is refused here already.
  private static String validNick(Room room, String nick) {
    if (nick == null || nick.isBlank()) {
      throw new StanzaErrorException(Condition.BAD_REQUEST);
    }
    try {
      return room.jid.withResource(nick).resource();
    } catch (RuntimeException e) {
      throw new StanzaErrorException(Condition.BAD_REQUEST);
    }
  }

  /** §7.11: the requester's registered nickname as the identity's name; none if unregistered. */
  static Element reservedNick(Room room, Jid from) {
    Element.Builder q = Element.builder("query", Muc.DISCO_INFO).attribute("node", NODE);
    String nick = room.reservedNick(from);
    if (nick != null) {
      q.child(Element.builder("identity", Muc.DISCO_INFO).attribute("category", "conference")
          .attribute("type", "text").attribute("name", nick).build());
    }
    return q.build();
  }

  /**
   * A nickname an admin reserved for {@code owner}: whoever else uses it now is put out of the
   * room (307, as Prosody does).
   */
  static void evictFrom(Room room, String nick, Jid owner) {
    Occupant o = room.byNick.get(nick);
    if (o != null && !o.jid.asBare().equals(owner.asBare())) {
      room.kick(o, null, RESERVED, Muc.KICKED);
    }
  }
}
