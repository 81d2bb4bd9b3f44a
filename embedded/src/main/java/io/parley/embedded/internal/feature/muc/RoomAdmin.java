package io.parley.embedded.internal.feature.muc;

import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.muc.RoomAffiliation;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IQs to a room's bare JID: service discovery (§6.4, §6.5), moderator and admin use cases with
 * {@code muc#admin} (§8, §9), owner use cases with {@code muc#owner} (§10). Runs under the
 * room's lock.
 */
final class RoomAdmin {
  private RoomAdmin() {}

  static void iq(Room room, Iq iq) {
    synchronized (room) {
      if (!iq.isRequest()) {
        return;
      }
      Element q = iq.payload();
      try {
        Element result = handle(room, iq, q);
        room.host.out().send(result == null ? iq.result() : iq.result(result));
      } catch (StanzaErrorException e) {
        room.host.out().send(iq.errorReply(e.error()));
      }
    }
  }

  private static Element handle(Room room, Iq iq, Element q) {
    if (q == null) {
      throw new StanzaErrorException(Condition.BAD_REQUEST);
    }
    boolean get = iq.type() == Iq.Type.GET;
    switch (q.namespace()) {
      case Muc.DISCO_INFO:
        if (get && RoomRegistration.NODE.equals(q.attribute("node"))) {
          return RoomRegistration.reservedNick(room, iq.from());
        }
        return get && q.attribute("node") == null ? info(room) : refuse(Condition.BAD_REQUEST);
      case RoomRegistration.NAMESPACE:
        return RoomRegistration.iq(room, iq.from(), q, get);
      case Muc.DISCO_ITEMS:
        return get && q.attribute("node") == null ? items(room, iq.from())
            : refuse(Condition.BAD_REQUEST);
      case Muc.ADMIN:
        return get ? adminList(room, iq.from(), q) : adminSet(room, iq.from(), q);
      case Muc.OWNER:
        return owner(room, iq, q, get);
      case Muc.PING:
        return null;
      default:
        return refuse(Condition.SERVICE_UNAVAILABLE);
    }
  }

  private static Element refuse(Condition c) {
    throw new StanzaErrorException(c);
  }

  // ---- disco ----

  static Element info(Room room) {
    RoomConfig c = room.config;
    Element.Builder q = Element.builder("query", Muc.DISCO_INFO)
        .child(Element.builder("identity", Muc.DISCO_INFO).attribute("category", "conference")
            .attribute("type", "text").attribute("name", room.displayName()).build());
    List<String> features = new ArrayList<>(List.of(Muc.NAMESPACE, Muc.STABLE_ID,
        RoomArchiveQueries.MAM, Muc.SID, RoomRegistration.NAMESPACE,
        Muc.SELF_PING, Muc.DISCO_INFO, Muc.DISCO_ITEMS,
        c.publicRoom() ? "muc_public" : "muc_hidden",
        c.persistent() ? "muc_persistent" : "muc_temporary",
        c.membersOnly() ? "muc_membersonly" : "muc_open",
        c.moderated() ? "muc_moderated" : "muc_unmoderated",
        c.whoisAnyone() ? "muc_nonanonymous" : "muc_semianonymous",
        c.needsPassword() ? "muc_passwordprotected" : "muc_unsecured"));
    for (String f : features) {
      q.child(Element.builder("feature", Muc.DISCO_INFO).attribute("var", f).build());
    }
    // §15.5.4 muc#roominfo.
    q.child(DataForms.form("result", Muc.ROOMINFO)
        .field("muc#roominfo_description", "text-single", "Description", c.description())
        .field("muc#roominfo_occupants", "text-single", "Number of occupants",
            Integer.toString(room.byNick.size()))
        .field("muc#roominfo_subject", "text-single", "Subject", room.subject())
        .field("muc#roominfo_lang", "text-single", "Language", c.lang())
        .field(RoomConfig.NAME, "text-single", "Name", c.name())
        .bool("muc#roominfo_subjectmod", "Occupants may change the subject", c.changeSubject())
        .field(RoomConfig.MAX_HISTORY, "text-single", "Maximum history",
            Integer.toString(c.maxHistoryFetch()))
        .build());
    return q.build();
  }

  private static Element items(Room room, Jid from) {
    // §6.5: occupants are public unless the room is hidden; occupants always see them.
    Element.Builder q = Element.builder("query", Muc.DISCO_ITEMS);
    if (room.config.publicRoom() || room.byJid.containsKey(from)) {
      for (Occupant o : room.byNick.values()) {
        q.child(Element.builder("item", Muc.DISCO_ITEMS)
            .attribute("jid", o.occupantJid.toString()).build());
      }
    }
    return q.build();
  }

  // ---- muc#admin ----

  private static Element adminList(Room room, Jid from, Element q) {
    Element item = q.child("item", Muc.ADMIN);
    if (item == null) {
      return refuse(Condition.BAD_REQUEST);
    }
    RoomAffiliation mine = room.affiliation(from);
    Occupant me = room.byJid.get(from);
    Element.Builder result = Element.builder("query", Muc.ADMIN);
    String role = item.attribute("role");
    String affiliation = item.attribute("affiliation");
    if (role != null) {
      Role r = Role.fromWire(role);
      if (r == null || r == Role.NONE) {
        return refuse(Condition.BAD_REQUEST);
      }
      // §8.5, §9.8: moderators list roles.
      if (me == null || me.role != Role.MODERATOR) {
        return refuse(Condition.FORBIDDEN);
      }
      for (Occupant o : room.byNick.values()) {
        if (o.role == r) {
          result.child(Element.builder("item", Muc.ADMIN)
              .attribute("affiliation", room.affiliation(o.jid).wireName())
              .attribute("jid", o.jid.toString()).attribute("nick", o.nick())
              .attribute("role", o.role.wireName()).build());
        }
      }
      return result.build();
    }
    RoomAffiliation a = RoomAffiliation.fromWire(affiliation);
    if (a == null || a == RoomAffiliation.NONE) {
      return refuse(Condition.BAD_REQUEST);
    }
    boolean allowed = mine == RoomAffiliation.OWNER || mine == RoomAffiliation.ADMIN
        || (a == RoomAffiliation.MEMBER && me != null
            && room.config.getMemberList().contains(me.role));
    if (!allowed) {
      return refuse(Condition.FORBIDDEN);
    }
    room.affiliations().forEach((jid, x) -> {
      if (x == a) {
        // §9.5: a member's registered nickname goes with the item.
        result.child(Element.builder("item", Muc.ADMIN).attribute("affiliation", x.wireName())
            .attribute("jid", jid.toString()).attribute("nick", room.reservedNick(jid))
            .build());
      }
    });
    return result.build();
  }

  private static Element adminSet(Room room, Jid from, Element q) {
    List<Element> items = new ArrayList<>();
    for (Element e : q.elements()) {
      if (e.name().equals("item")) {
        items.add(e);
      }
    }
    if (items.isEmpty()) {
      return refuse(Condition.BAD_REQUEST);
    }
    // Check every item before changing anything: the request succeeds or fails as a whole.
    for (Element item : items) {
      check(room, from, item);
    }
    for (Element item : items) {
      apply(room, from, item);
    }
    return null;
  }

  private static void check(Room room, Jid from, Element item) {
    RoomAffiliation mine = room.affiliation(from);
    Occupant me = room.byJid.get(from);
    String role = item.attribute("role");
    String affiliation = item.attribute("affiliation");
    if (role != null && affiliation == null) {
      Role r = Role.fromWire(role);
      Occupant target = item.attribute("nick") == null ? null
          : room.byNick.get(item.attribute("nick"));
      if (r == null) {
        refuse(Condition.BAD_REQUEST);
      }
      if (me == null || me.role != Role.MODERATOR) {
        refuse(Condition.FORBIDDEN); // §8.2: only moderators change roles
      }
      if (target == null) {
        refuse(item.attribute("nick") == null ? Condition.BAD_REQUEST : Condition.ITEM_NOT_FOUND);
      }
      RoomAffiliation theirs = room.affiliation(target.jid);
      boolean privileged = mine == RoomAffiliation.OWNER || mine == RoomAffiliation.ADMIN;
      switch (r) {
        case MODERATOR -> {
          if (!privileged) {
            refuse(Condition.FORBIDDEN); // §9.6: admins grant moderation
          }
        }
        case PARTICIPANT, VISITOR, NONE -> {
          // §8.2–§8.4, §9.7: nobody takes voice, moderation or the room from an admin or owner,
          // nor from someone ranked above themselves.
          if (theirs == RoomAffiliation.OWNER || theirs == RoomAffiliation.ADMIN
              || theirs.isAbove(mine)) {
            refuse(Condition.NOT_ALLOWED);
          }
          if (r != Role.NONE && target.role == Role.MODERATOR && !privileged) {
            refuse(Condition.FORBIDDEN);
          }
        }
        default -> { }
      }
      return;
    }
    RoomAffiliation a = RoomAffiliation.fromWire(affiliation);
    if (a == null || item.attribute("jid") == null && item.attribute("nick") == null) {
      refuse(Condition.BAD_REQUEST);
    }
    Jid target = targetJid(room, item);
    if (mine != RoomAffiliation.OWNER && mine != RoomAffiliation.ADMIN) {
      refuse(Condition.FORBIDDEN); // §9: admins and owners change affiliations
    }
    RoomAffiliation theirs = room.affiliation(target);
    if (mine == RoomAffiliation.ADMIN && (a == RoomAffiliation.OWNER || a == RoomAffiliation.ADMIN
        || theirs == RoomAffiliation.OWNER || theirs == RoomAffiliation.ADMIN)) {
      refuse(Condition.NOT_ALLOWED); // §10.3–§10.7 are the owner's
    }
    if (theirs == RoomAffiliation.OWNER && a != RoomAffiliation.OWNER
        && room.withAffiliation(RoomAffiliation.OWNER).size() <= 1) {
      refuse(Condition.CONFLICT); // §10.5: the last owner stays
    }
    String nick = reservation(item, a);
    if (nick != null && room.reservedByOther(nick, target)) {
      refuse(Condition.CONFLICT); // another user registered it
    }
  }

  /**
   * The nickname an item with both a JID and a nick reserves for that JID (as Prosody reads
   * it), or null: a nick alone names an occupant, and only affiliated users hold one.
   */
  private static String reservation(Element item, RoomAffiliation a) {
    String nick = item.attribute("nick");
    if (nick == null || item.attribute("jid") == null || a == RoomAffiliation.NONE
        || a == RoomAffiliation.OUTCAST || nick.isBlank()) {
      return null;
    }
    return nick;
  }

  private static Jid targetJid(Room room, Element item) {
    String jid = item.attribute("jid");
    if (jid == null) {
      Occupant o = room.byNick.get(item.attribute("nick"));
      if (o == null) {
        refuse(Condition.ITEM_NOT_FOUND);
      }
      return o.jid.asBare();
    }
    try {
      return Jid.of(jid).asBare();
    } catch (RuntimeException e) {
      throw new StanzaErrorException(Condition.JID_MALFORMED);
    }
  }

  private static void apply(Room room, Jid from, Element item) {
    String reason = item.childText("reason", Muc.ADMIN);
    String affiliation = item.attribute("affiliation");
    if (affiliation == null) {
      Occupant target = room.byNick.get(item.attribute("nick"));
      Role r = Role.fromWire(item.attribute("role"));
      if (target == null || target.role == r) {
        return;
      }
      if (r == Role.NONE) {
        room.kick(target, from, reason, Muc.KICKED);
        room.leaveIfEmpty();
      } else {
        target.role = r;
        target.changed();
        room.broadcastPresence(target, List.of());
      }
      return;
    }
    Jid target = targetJid(room, item);
    RoomAffiliation a = RoomAffiliation.fromWire(affiliation);
    room.setOwnAffiliation(target, a);
    String nick = reservation(item, a);
    if (nick != null) {
      room.reserve(target, nick);
      RoomRegistration.evictFrom(room, nick, target);
    }
    room.host.changed(room);
    room.affiliationChanged(target, from, reason);
    room.leaveIfEmpty();
  }

  // ---- muc#owner ----

  private static Element owner(Room room, Iq iq, Element q, boolean get) {
    if (room.affiliation(iq.from()) != RoomAffiliation.OWNER) {
      return refuse(Condition.FORBIDDEN); // §10.1: owners only
    }
    if (get) {
      return Element.builder("query", Muc.OWNER)
          .child(room.config.form(room.withAffiliation(RoomAffiliation.OWNER),
              room.withAffiliation(RoomAffiliation.ADMIN)))
          .build();
    }
    Element destroy = q.child("destroy", Muc.OWNER);
    if (destroy != null) {
      Jid alternate = null;
      if (destroy.attribute("jid") != null) {
        try {
          alternate = Jid.of(destroy.attribute("jid"));
        } catch (RuntimeException e) {
          return refuse(Condition.JID_MALFORMED);
        }
      }
      room.destroy(alternate, destroy.childText("reason", Muc.OWNER),
          destroy.childText("password", Muc.OWNER));
      return null;
    }
    Element x = q.child("x", Muc.DATA);
    if (x == null) {
      return refuse(Condition.BAD_REQUEST);
    }
    String type = x.attribute("type");
    if ("cancel".equals(type)) {
      // §10.1.3: cancelling the initial configuration destroys the room it would create.
      if (room.locked) {
        room.destroy(null, null, null);
      }
      return null;
    }
    if (!"submit".equals(type)) {
      return refuse(Condition.BAD_REQUEST);
    }
    configure(room, iq.from(), DataForms.values(x));
    return null;
  }

  /** Applies a configuration form (§10.2) and tells the occupants what changed (§10.2.1). */
  static void configure(Room room, Jid from, Map<String, List<String>> values) {
    RoomConfig before = room.config;
    RoomConfig after = before.apply(values);
    if (after.passwordProtected() && after.password().isEmpty()) {
      refuse(Condition.NOT_ACCEPTABLE); // a password-protected room needs a password
    }
    List<Jid> owners = jids(values.get(RoomConfig.OWNERS));
    List<Jid> admins = jids(values.get(RoomConfig.ADMINS));
    if (owners != null && owners.isEmpty()) {
      refuse(Condition.CONFLICT); // the room keeps at least one owner
    }
    room.config = after;
    boolean wasLocked = room.locked;
    room.locked = false;
    List<Jid> touched = new ArrayList<>();
    if (owners != null) {
      replace(room, RoomAffiliation.OWNER, owners, touched);
    }
    if (admins != null) {
      replace(room, RoomAffiliation.ADMIN, admins, touched);
    }
    room.host.changed(room);
    for (Jid j : touched) {
      room.affiliationChanged(j, from, null);
    }
    if (!wasLocked) {
      List<Integer> codes = new ArrayList<>();
      codes.add(Muc.CONFIG_CHANGED);
      if (before.logging() != after.logging()) {
        codes.add(after.logging() ? Muc.LOGGING_ON : Muc.LOGGING_OFF);
      }
      if (before.whoisAnyone() != after.whoisAnyone()) {
        codes.add(after.whoisAnyone() ? Muc.NOW_NON_ANONYMOUS : Muc.NOW_SEMI_ANONYMOUS);
      }
      Element.Builder x = Element.builder("x", Muc.USER);
      codes.forEach(c -> x.child(Muc.status(c)));
      room.toAll(new io.parley.spi.stanza.Message(null, room.jid, null,
          io.parley.spi.stanza.Message.Type.GROUPCHAT, null, List.of(x.build())));
    }
    if (after.membersOnly() && !before.membersOnly()) {
      // §9.3: those without membership leave a room that became members-only, with 322.
      for (Occupant o : List.copyOf(room.byNick.values())) {
        if (room.affiliation(o.jid) == RoomAffiliation.NONE) {
          room.kick(o, null, null, Muc.MEMBERS_ONLY);
        }
      }
    }
    if (after.whoisAnyone() != before.whoisAnyone() || after.moderated() != before.moderated()) {
      for (Occupant o : room.byNick.values()) {
        o.changed();
      }
    }
    room.leaveIfEmpty();
  }

  private static void replace(Room room, RoomAffiliation a, List<Jid> jids, List<Jid> touched) {
    for (String old : room.withAffiliation(a)) {
      Jid j = Jid.of(old);
      if (!jids.contains(j)) {
        room.setOwnAffiliation(j, RoomAffiliation.NONE);
        touched.add(j);
      }
    }
    for (Jid j : jids) {
      if (room.affiliation(j) != a) {
        room.setOwnAffiliation(j, a);
        touched.add(j);
      }
    }
  }

  private static List<Jid> jids(List<String> values) {
    if (values == null) {
      return null;
    }
    List<Jid> jids = new ArrayList<>();
    for (String v : values) {
      try {
        jids.add(Jid.of(v).asBare());
      } catch (RuntimeException e) {
        throw new StanzaErrorException(StanzaError.of(Condition.JID_MALFORMED, v));
      }
    }
    return jids;
  }
}
