package io.parley.embedded.internal.feature.muc;

import io.parley.embedded.internal.session.Burst;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.muc.RoomAffiliation;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.RoomRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room (XEP-0045): its configuration, affiliations, occupants, subject and history. Every
 * method runs under the room's lock and only offers stanzas to mailboxes, so it never blocks;
 * the owner and admin use cases are in {@link RoomAdmin}.
 */
final class Room {
  final Jid jid;
  final RoomHost host;
  RoomConfig config;
  boolean locked;
  boolean destroyed;
  /** Created by host code: lasts until destroyed, even when temporary and empty. */
  boolean hostCreated;
  /** Created by the presence being handled: its sender enters as the creator (status 201). */
  boolean fresh;
  private final Map<Jid, RoomAffiliation> affiliations = new LinkedHashMap<>();
  private Map<Jid, RoomAffiliation> hostAffiliations = Map.of();
  // Registered nicknames (§7.10), both ways; only users with an own affiliation have one.
  private final Map<Jid, String> reservedNicks = new LinkedHashMap<>();
  private final Map<String, Jid> nickOwners = new HashMap<>();
  final LinkedHashMap<String, Occupant> byNick = new LinkedHashMap<>();
  final HashMap<Jid, Occupant> byJid = new HashMap<>();
  private String subject = "";
  private Jid subjectFrom;
  private final ArrayDeque<HistoryEntry> history = new ArrayDeque<>();
  // Forwarded IQs between occupants (XEP-0045 §7.7): our id to the original sender and id.
  private final Map<String, PendingIq> pendingIqs = new HashMap<>();

  /**
   * A remembered message; its delayed form (XEP-0203) is prepared at most once and shared by
   * every newcomer that gets it. Guarded by the room's lock.
   */
  private static final class HistoryEntry {
    private final Message message;
    private final Instant at;
    private final int chars;
    private PreparedStanza delayed;

    HistoryEntry(Message message, Instant at, int chars) {
      this.message = message;
      this.at = at;
      this.chars = chars;
    }

    Instant at() {
      return at;
    }

    int chars() {
      return chars;
    }

    PreparedStanza delayed(Jid room) {
      if (delayed == null) {
        List<Element> children = new ArrayList<>(message.children());
        children.add(Element.builder("delay", Muc.DELAY).attribute("stamp", at.toString())
            .attribute("from", room.toString()).build());
        delayed = PreparedStanza.of(new Message(null, message.from(), message.id(),
            Message.Type.GROUPCHAT, message.lang(), children));
      }
      return delayed;
    }
  }

  private record PendingIq(Jid from, String id, Jid to) {}

  Room(Jid jid, RoomHost host, RoomConfig config, boolean locked) {
    this.jid = jid;
    this.host = host;
    this.config = config;
    this.locked = locked;
  }

  static Room restore(RoomRecord record, RoomHost host, RoomConfig defaults) {
    RoomConfig config;
    try {
      config = defaults.apply(record.config());
    } catch (StanzaErrorException e) {
      config = defaults;
    }
    Room room = new Room(record.room(), host, config, false);
    room.affiliations.putAll(record.affiliations());
    room.affiliations.values().remove(RoomAffiliation.NONE);
    room.subject = record.subject() == null ? "" : record.subject();
    record.reservedNicks().forEach((user, nick) -> {
      if (room.affiliations.containsKey(user)) {
        room.reserve(user, nick);
      }
    });
    return room;
  }

  synchronized RoomRecord record() {
    return new RoomRecord(jid, config.toValues(), affiliations, subject.isEmpty() ? null : subject,
        reservedNicks);
  }

  // ---- affiliations ----

  /** The user's affiliation: the host's, if it names the user, else the room's own. */
  RoomAffiliation affiliation(Jid user) {
    Jid bare = user.asBare();
    RoomAffiliation a = hostAffiliations.get(bare);
    if (a == null) {
      a = affiliations.get(bare);
    }
    return a == null ? RoomAffiliation.NONE : a;
  }

  /** The room's own affiliation list entries, with the host's merged over them. */
  Map<Jid, RoomAffiliation> affiliations() {
    Map<Jid, RoomAffiliation> all = new LinkedHashMap<>(affiliations);
    all.putAll(hostAffiliations);
    all.values().remove(RoomAffiliation.NONE);
    return all;
  }

  void setOwnAffiliation(Jid user, RoomAffiliation a) {
    if (a == RoomAffiliation.NONE) {
      affiliations.remove(user.asBare());
    } else {
      affiliations.put(user.asBare(), a);
    }
    if (a == RoomAffiliation.NONE || a == RoomAffiliation.OUTCAST) {
      unreserve(user); // a registration is a membership (§7.10): it ends with it
    }
  }

  /** The room's own affiliation of the user, without the host's. */
  RoomAffiliation ownAffiliation(Jid user) {
    return affiliations.getOrDefault(user.asBare(), RoomAffiliation.NONE);
  }

  // ---- registered nicknames (§7.10, §7.11) ----

  /** The user's registered nickname, or null. */
  String reservedNick(Jid user) {
    return reservedNicks.get(user.asBare());
  }

  /** The bare JID that registered the nickname, or null. */
  Jid reservedBy(String nick) {
    return nickOwners.get(nick);
  }

  /** Whether someone other than {@code user} registered the nickname. */
  boolean reservedByOther(String nick, Jid user) {
    Jid owner = nickOwners.get(nick);
    return owner != null && !owner.equals(user.asBare());
  }

  void reserve(Jid user, String nick) {
    unreserve(user);
    reservedNicks.put(user.asBare(), nick);
    nickOwners.put(nick, user.asBare());
  }

  void unreserve(Jid user) {
    String old = reservedNicks.remove(user.asBare());
    if (old != null) {
      nickOwners.remove(old);
    }
  }

  List<String> withAffiliation(RoomAffiliation a) {
    List<String> jids = new ArrayList<>();
    affiliations().forEach((j, x) -> {
      if (x == a) {
        jids.add(j.toString());
      }
    });
    return jids;
  }

  /** Replaces the host's affiliations and applies the difference to the occupants. */
  synchronized void hostAffiliations(Map<Jid, RoomAffiliation> next) {
    if (destroyed) {
      return;
    }
    Map<Jid, RoomAffiliation> before = new HashMap<>();
    for (Occupant o : byNick.values()) {
      before.put(o.jid.asBare(), affiliation(o.jid));
    }
    hostAffiliations = Map.copyOf(next);
    for (Map.Entry<Jid, RoomAffiliation> e : before.entrySet()) {
      if (affiliation(e.getKey()) != e.getValue()) {
        affiliationChanged(e.getKey(), null, null);
      }
    }
  }

  /** The default role for an affiliation (XEP-0045 §5.1.2), NONE when it may not enter. */
  Role defaultRole(RoomAffiliation a) {
    switch (a) {
      case OWNER:
      case ADMIN:
        return Role.MODERATOR;
      case MEMBER:
        return Role.PARTICIPANT;
      case NONE:
        if (config.membersOnly()) {
          return Role.NONE;
        }
        return config.moderated() ? Role.VISITOR : Role.PARTICIPANT;
      default:
        return Role.NONE;
    }
  }

  // ---- presence: enter, change, leave (§7.2, §7.6, §7.3, §7.14) ----

  synchronized void presence(Presence p) {
    Occupant o = byJid.get(p.from());
    switch (p.type()) {
      case UNAVAILABLE -> {
        if (o != null) {
          leave(o, p.from(), p.status(), p.id());
        }
      }
      case AVAILABLE -> {
        String nick = p.to().resource();
        Occupant same = nick == null ? null : byNick.get(nick);
        if (nick == null || nick.isBlank()) {
          // §7.2.1: no nickname given.
          host.out().send(p.errorReply(StanzaError.of(Condition.JID_MALFORMED)));
        } else if (o == null && same != null && same.jid.asBare().equals(p.from().asBare())) {
          joinSession(same, p);
        } else if (o == null) {
          boolean creating = fresh;
          fresh = false;
          enter(p, nick, creating);
        } else if (!o.nick().equals(nick) && o.sessionCount() > 1) {
          // One session of several moves: it leaves this occupant and enters as the other nick.
          if (same != null && !same.jid.asBare().equals(p.from().asBare())
              || reservedByOther(nick, p.from())) {
            host.out().send(refusal(p.from(), p.to(), p.id(), Condition.CONFLICT));
            return;
          }
          leaveSession(o, p.from(), null, null);
          presence(p);
        } else if (!o.nick().equals(nick)) {
          changeNick(o, nick, p);
        } else {
          o.presenceFrom(p.from(), p);
          broadcastPresence(o, List.of(), p.id());
        }
      }
      case ERROR -> {
        // The occupant's client or server refused a room stanza: it is gone (as Prosody does).
        if (o != null) {
          leave(o, p.from(), null, null);
        }
      }
      default -> { } // subscriptions and probes to a room mean nothing (§7.2.1)
    }
  }

  /**
   * Another session of an occupant's user enters with the same nickname: the room still shows
   * one occupant, so the others get nothing; the session gets what a newcomer gets (others'
   * presence, its own with 110, history, subject). The entry rules that are about the user
   * (locked, password) still apply; the nickname and the room's size are the occupant's.
   */
  private void joinSession(Occupant o, Presence p) {
    Jid session = p.from();
    RoomAffiliation a = affiliation(session);
    Element x = p.child("x", Muc.NAMESPACE);
    Condition refused = null;
    if (locked && a != RoomAffiliation.OWNER) {
      refused = Condition.ITEM_NOT_FOUND;
    } else if (config.needsPassword() && a != RoomAffiliation.OWNER
        && (x == null || !config.password().equals(x.childText("password", Muc.NAMESPACE)))) {
      refused = Condition.NOT_AUTHORIZED;
    }
    if (refused != null) {
      host.out().send(refusal(session, p.to(), p.id(), refused));
      return;
    }
    boolean seesJids = seesJids(o);
    Burst burst = new Burst();
    for (Occupant other : byNick.values()) {
      if (other != o && broadcasts(other)) {
        burst.add(presenceOf(other, seesJids), session);
      }
    }
    o.addSession(session, p);
    byJid.put(session, o);
    List<Element> children = new ArrayList<>(o.presenceChildren());
    List<Integer> codes = entryCodes(false);
    codes.add(Muc.SELF);
    children.add(userX(o, session, null, codes));
    burst.add(new Presence(session, o.occupantJid, p.id(), Presence.Type.AVAILABLE, null,
        children));
    addHistory(burst, session, x == null ? null : x.child("history", Muc.NAMESPACE));
    burst.add(subjectMessage(session));
    host.out().send(burst, session);
  }

  // §7.2.2-§7.2.3, §10.1.1: the codes of an entering occupant's self-presence besides 110, which
  // goes on each self copy.
  private List<Integer> entryCodes(boolean creating) {
    List<Integer> codes = new ArrayList<>();
    if (config.whoisAnyone()) {
      codes.add(Muc.NON_ANONYMOUS);
    }
    if (config.logging()) {
      codes.add(Muc.LOGGING);
    }
    if (creating) {
      codes.add(Muc.CREATED);
    }
    return codes;
  }

  private void enter(Presence p, String nick, boolean creating) {
    Jid user = p.from();
    RoomAffiliation a = affiliation(user);
    Element x = p.child("x", Muc.NAMESPACE);
    Condition refused = null;
    if (locked && !creating && a != RoomAffiliation.OWNER) {
      refused = Condition.ITEM_NOT_FOUND; // §7.2.10: a locked room does not exist yet
    } else if (a == RoomAffiliation.OUTCAST) {
      refused = Condition.FORBIDDEN; // §7.2.7
    } else if (byNick.containsKey(nick) || reservedByOther(nick, user)) {
      refused = Condition.CONFLICT; // §7.2.8, §7.10: in use, or registered by another user
    } else if (config.membersOnly() && a == RoomAffiliation.NONE) {
      refused = Condition.REGISTRATION_REQUIRED; // §7.2.6
    } else if (config.maxUsers() > 0 && byNick.size() >= config.maxUsers()
        && a != RoomAffiliation.OWNER && a != RoomAffiliation.ADMIN) {
      refused = Condition.SERVICE_UNAVAILABLE; // §7.2.9
    } else if (config.needsPassword() && a != RoomAffiliation.OWNER
        && (x == null || !config.password().equals(x.childText("password", Muc.NAMESPACE)))) {
      refused = Condition.NOT_AUTHORIZED; // §7.2.5
    }
    if (refused != null) {
      host.out().send(refusal(user, p.to(), p.id(), refused));
      return;
    }
    Occupant o = new Occupant(user, jid.withResource(nick), defaultRole(a));
    o.presence(p);
    // §7.1: others' presence first, then the newcomer's own (broadcast, self last), history,
    // subject: for the newcomer one burst, one mailbox entry however large the room (a mailbox
    // smaller than the room would otherwise refuse the tail of it).
    boolean newcomerSeesJids = seesJids(o);
    Burst burst = new Burst();
    for (Occupant other : byNick.values()) {
      if (broadcasts(other)) {
        burst.add(presenceOf(other, newcomerSeesJids), user);
      }
    }
    byNick.put(nick, o);
    byJid.put(user, o);
    broadcastPresence(o, entryCodes(creating), p.id(), burst);
    if (!creating) {
      addHistory(burst, user, x == null ? null : x.child("history", Muc.NAMESPACE));
    }
    burst.add(subjectMessage(user));
    host.out().send(burst, user);
  }

  // The XEP's examples echo the MUC <x/> in the error; it is optional, and Smack (with
  // assertions on) fails parsing an element it has no provider for, so it is left out.
  private static Presence refusal(Jid to, Jid from, String id, Condition condition) {
    return new Presence(to, from, id, Presence.Type.ERROR, null,
        List.of(StanzaError.of(condition).toElement(Muc.CLIENT)));
  }

  private void changeNick(Occupant o, String nick, Presence p) {
    if (byNick.containsKey(nick) || reservedByOther(nick, o.jid)) {
      host.out().send(refusal(o.jid, jid.withResource(nick), p.id(), Condition.CONFLICT));
      return;
    }
    // §7.6: unavailable from the old nickname with the new one and 303, then available.
    Presence leaving = new Presence(null, o.occupantJid, null, Presence.Type.UNAVAILABLE, null,
        List.of(userX(o, null, nick, List.of())));
    Presence leavingJid = new Presence(null, o.occupantJid, null, Presence.Type.UNAVAILABLE, null,
        List.of(userX(o, o.jid, nick, List.of())));
    PreparedStanza leavingP = PreparedStanza.of(withStatus(leaving, Muc.NEW_NICK));
    PreparedStanza leavingJidP = PreparedStanza.of(withStatus(leavingJid, Muc.NEW_NICK));
    for (Occupant r : byNick.values()) {
      if (r == o) {
        host.out().send(new Presence(r.jid, o.occupantJid, p.id(), Presence.Type.UNAVAILABLE,
            null, List.of(userX(o, o.jid, nick, List.of(Muc.NEW_NICK, Muc.SELF)))));
      } else if (broadcasts(o)) {
        send(r, seesJids(r) ? leavingJidP : leavingP);
      }
    }
    byNick.remove(o.nick());
    o.occupantJid = jid.withResource(nick);
    byNick.put(nick, o);
    o.presence(p);
    broadcastPresence(o, List.of(), p.id());
  }

  /**
   * A session leaves (§7.14): the occupant goes with its last session; an earlier one only
   * gets its own unavailable presence.
   */
  void leave(Occupant o, Jid session, String status, String id) {
    if (o.sessionCount() > 1) {
      leaveSession(o, session, status, id);
      return;
    }
    removeOccupant(o, status, List.of(), id);
    leaveIfEmpty();
  }

  // One of several sessions leaves: it gets unavailable with 110; the others see a presence
  // change only if the primary session (whose presence they see) was the one leaving.
  private void leaveSession(Occupant o, Jid session, String status, String id) {
    byJid.remove(session);
    boolean primaryChanged = o.removeSession(session);
    List<Element> children = new ArrayList<>();
    if (status != null) {
      children.add(Muc.text("status", Muc.CLIENT, status));
    }
    Element.Builder item = Element.builder("item", Muc.USER)
        .attribute("affiliation", affiliation(o.jid).wireName())
        .attribute("role", Role.NONE.wireName()).attribute("jid", session.toString());
    children.add(Element.builder("x", Muc.USER).child(item.build()).child(Muc.status(Muc.SELF))
        .build());
    host.out().send(new Presence(session, o.occupantJid, id, Presence.Type.UNAVAILABLE, null,
        children));
    if (primaryChanged) {
      broadcastPresence(o, List.of());
    }
  }

  /** A temporary room (or one never configured) ends with its last occupant (§10.1.3). */
  void leaveIfEmpty() {
    if (byNick.isEmpty() && !destroyed && !hostCreated && (!config.persistent() || locked)) {
      destroyed = true;
      host.removed(this);
    }
  }

  private void removeOccupant(Occupant o, String status, List<Element> details, String selfId,
      int... codes) {
    boolean broadcast = broadcasts(o) || codes.length > 0; // before the role is gone
    byNick.remove(o.nick());
    List<Jid> sessions = o.sessions();
    for (Jid session : sessions) {
      byJid.remove(session);
    }
    o.role = Role.NONE;
    o.changed();
    List<Integer> statusCodes = new ArrayList<>();
    for (int c : codes) {
      statusCodes.add(c);
    }
    List<Element> children = new ArrayList<>();
    if (status != null) {
      children.add(Muc.text("status", Muc.CLIENT, status));
    }
    Element anon = userX(o, null, null, statusCodes, details);
    Element full = userX(o, o.jid, null, statusCodes, details);
    List<Integer> selfCodes = new ArrayList<>(statusCodes);
    selfCodes.add(Muc.SELF);
    for (Jid session : sessions) {
      Element self = userX(o, session, null, selfCodes, details);
      host.out().send(withId(unavailable(o, children, self).withTo(session), selfId));
    }
    if (broadcast) {
      PreparedStanza anonP = PreparedStanza.of(unavailable(o, children, anon));
      PreparedStanza fullP = PreparedStanza.of(unavailable(o, children, full));
      for (Occupant r : byNick.values()) {
        send(r, seesJids(r) ? fullP : anonP);
      }
    }
  }

  private static Presence withId(Presence p, String id) {
    return new Presence(p.to(), p.from(), id, p.type(), p.lang(), p.children());
  }

  private Presence unavailable(Occupant o, List<Element> children, Element x) {
    List<Element> all = new ArrayList<>(children);
    all.add(x);
    return new Presence(null, o.occupantJid, null, Presence.Type.UNAVAILABLE, null, all);
  }

  /** Sends the occupant's presence to every occupant, with 110 (and codes) to itself. */
  void broadcastPresence(Occupant o, List<Integer> selfCodes) {
    broadcastPresence(o, selfCodes, null);
  }

  /**
   * As above; the self-presence carries {@code selfId}, the id of the presence that caused it
   * (the room keeps stanza ids, {@code muc#stable_id}, and Smack matches a leave on it).
   */
  void broadcastPresence(Occupant o, List<Integer> selfCodes, String selfId) {
    broadcastPresence(o, selfCodes, selfId, null);
  }

  // With a burst, the occupant's own presence joins it (the occupant is entering).
  private void broadcastPresence(Occupant o, List<Integer> selfCodes, String selfId,
      Burst joining) {
    for (Occupant r : byNick.values()) {
      if (r == o) {
        List<Integer> codes = new ArrayList<>(selfCodes);
        codes.add(Muc.SELF);
        // Every session of the occupant gets it, each with its own JID in the item.
        for (Jid session : o.sessions()) {
          List<Element> children = new ArrayList<>(o.presenceChildren());
          children.add(userX(o, session, null, codes));
          Presence self = new Presence(session, o.occupantJid, selfId, Presence.Type.AVAILABLE,
              null, children);
          if (joining != null) {
            joining.add(self);
          } else {
            host.out().send(self);
          }
        }
      } else if (broadcasts(o)) {
        send(r, presenceOf(o, seesJids(r)));
      }
    }
  }

  /** Delivers a prepared stanza to every session of an occupant. */
  private void send(Occupant r, PreparedStanza p) {
    host.out().send(p, r.jid);
    if (r.others != null) {
      for (Jid session : r.others.keySet()) {
        host.out().send(p, session);
      }
    }
  }

  /**
   * The occupant's presence as others see it, built and prepared once per change: every
   * occupant and every later newcomer shares its serialization.
   */
  PreparedStanza presenceOf(Occupant o, boolean showJid) {
    PreparedStanza p = o.cached(showJid);
    if (p == null) {
      List<Element> children = new ArrayList<>(o.presenceChildren());
      children.add(userX(o, showJid ? o.jid : null, null, List.of()));
      p = PreparedStanza.of(
          new Presence(null, o.occupantJid, null, Presence.Type.AVAILABLE, null, children));
      o.cache(showJid, p);
    }
    return p;
  }

  /** §7.2.3: real JIDs go to everyone in a non-anonymous room, to moderators otherwise. */
  boolean seesJids(Occupant recipient) {
    return config.whoisAnyone() || recipient.role == Role.MODERATOR;
  }

  private boolean broadcasts(Occupant o) {
    return config.presenceBroadcast().contains(o.role);
  }

  Element userX(Occupant o, Jid realJid, String newNick, List<Integer> codes) {
    return userX(o, realJid, newNick, codes, List.of());
  }

  private Element userX(Occupant o, Jid realJid, String newNick, List<Integer> codes,
      List<Element> itemChildren) {
    Element.Builder item = Element.builder("item", Muc.USER)
        .attribute("affiliation", affiliation(o.jid).wireName())
        .attribute("role", o.role.wireName());
    if (realJid != null) {
      item.attribute("jid", realJid.toString());
    }
    if (newNick != null) {
      item.attribute("nick", newNick);
    }
    item.children(itemChildren);
    Element.Builder x = Element.builder("x", Muc.USER).child(item.build());
    for (int code : codes) {
      x.child(Muc.status(code));
    }
    return x.build();
  }

  private static Presence withStatus(Presence p, int code) {
    List<Element> children = new ArrayList<>(p.children());
    Element x = children.remove(children.size() - 1);
    children.add(x.toBuilder().child(Muc.status(code)).build());
    return new Presence(p.to(), p.from(), p.id(), p.type(), p.lang(), children);
  }

  // ---- history and subject (§7.2.15, §7.2.16) ----

  private void addHistory(Burst burst, Jid to, Element request) {
    int maxStanzas = config.maxHistoryFetch();
    long maxChars = Long.MAX_VALUE;
    Instant since = Instant.MIN;
    if (request != null) {
      maxStanzas = Math.min(maxStanzas, intAttribute(request, "maxstanzas", maxStanzas));
      maxChars = intAttribute(request, "maxchars", Integer.MAX_VALUE);
      int seconds = intAttribute(request, "seconds", -1);
      if (seconds >= 0) {
        since = host.clock().instant().minusSeconds(seconds);
      }
      String stamp = request.attribute("since");
      if (stamp != null) {
        try {
          Instant s = Instant.parse(stamp);
          since = s.isAfter(since) ? s : since;
        } catch (DateTimeParseException e) {
          // an unreadable 'since' limits nothing
        }
      }
    }
    List<HistoryEntry> chosen = new ArrayList<>();
    long chars = 0;
    Iterator<HistoryEntry> newestFirst = history.descendingIterator();
    while (newestFirst.hasNext() && chosen.size() < maxStanzas) {
      HistoryEntry e = newestFirst.next();
      if (e.at().isBefore(since) || chars + e.chars() > maxChars) {
        break;
      }
      chars += e.chars();
      chosen.add(e);
    }
    for (int i = chosen.size() - 1; i >= 0; i--) {
      burst.add(chosen.get(i).delayed(jid), to);
    }
  }

  private static int intAttribute(Element e, String name, int absent) {
    String v = e.attribute(name);
    if (v == null) {
      return absent;
    }
    try {
      return Math.max(0, Integer.parseInt(v.trim()));
    } catch (NumberFormatException ex) {
      return absent;
    }
  }

  private Message subjectMessage(Jid to) {
    // §7.2.15: the subject always comes last, empty if none is set.
    return new Message(to, subjectFrom == null ? jid : subjectFrom,
        Ids.next(), Message.Type.GROUPCHAT, null,
        List.of(Muc.text("subject", Muc.CLIENT, subject)));
  }

  // ---- messages (§7.4, §7.5, §7.8, §8.6) ----

  synchronized void message(Message m) {
    Occupant sender = byJid.get(m.from());
    if (m.type() == Message.Type.ERROR) {
      if (sender != null && m.to().isBare()) {
        // A client refusing room traffic is gone (Prosody: kicked).
        leave(sender, m.from(), null, null);
      }
      return;
    }
    if (m.to().isFull()) {
      privateMessage(sender, m);
      return;
    }
    if (m.type() == Message.Type.GROUPCHAT) {
      groupchat(sender, m);
      return;
    }
    Element x = m.child("x", Muc.USER);
    Element form = m.child("x", Muc.DATA);
    if (x != null && (x.child("invite", Muc.USER) != null
        || x.child("decline", Muc.USER) != null)) {
      invitations(sender, m, x);
    } else if (form != null && Muc.REQUEST.equals(formType(form))) {
      voiceRequest(sender, m, form);
    } else {
      host.out().error(m, sender == null ? Condition.NOT_ACCEPTABLE : Condition.BAD_REQUEST);
    }
  }

  private void groupchat(Occupant sender, Message m) {
    if (sender == null) {
      host.out().error(m, Condition.NOT_ACCEPTABLE); // §7.4
      return;
    }
    Element subjectElement = m.child("subject", Muc.CLIENT);
    if (subjectElement != null && m.body() == null) {
      // §8.1: occupants may change the subject only if the room allows it.
      if (sender.role != Role.MODERATOR
          && !(config.changeSubject() && sender.role == Role.PARTICIPANT)) {
        host.out().error(m, Condition.FORBIDDEN);
        return;
      }
      subject = subjectElement.text();
      subjectFrom = sender.occupantJid;
      host.changed(this);
      toAll(new Message(null, sender.occupantJid, m.id(), Message.Type.GROUPCHAT, m.lang(),
          withoutOwnStanzaIds(m.children())));
      return;
    }
    if (!sender.role.hasVoice()) {
      host.out().error(m, Condition.FORBIDDEN); // §7.4: visitors in a moderated room
      return;
    }
    Message out = new Message(null, sender.occupantJid, m.id(), Message.Type.GROUPCHAT, m.lang(),
        withoutOwnStanzaIds(m.children()));
    toAll(remember(out));
  }

  /** A groupchat message from the room itself (host announcements). */
  synchronized void post(Message m) {
    Message out = new Message(null, jid, m.id() == null ? Ids.next() : m.id(),
        Message.Type.GROUPCHAT, m.lang(), withoutOwnStanzaIds(m.children()));
    toAll(remember(out));
  }

  /**
   * Keeps a message with a body for history and the archive, under a new archive id that the
   * message carries as its XEP-0359 {@code <stanza-id by='room'/>} (the id the room's MAM
   * returns); returns the message to deliver. Messages without a body are neither.
   */
  private Message remember(Message out) {
    if (out.body() == null) {
      return out;
    }
    String archiveId = Ids.next();
    List<Element> children = new ArrayList<>(out.children());
    children.add(Element.builder("stanza-id", Muc.SID).attribute("id", archiveId)
        .attribute("by", jid.toString()).build());
    Message kept = new Message(null, out.from(), out.id(), out.type(), out.lang(), children);
    int chars = kept.toElement().toString().length();
    Instant at = host.clock().instant();
    history.addLast(new HistoryEntry(kept, at, chars));
    while (history.size() > host.historySize()) {
      history.removeFirst();
    }
    host.archived(this, kept, archiveId, at);
    return kept;
  }

  /**
   * XEP-0359 §7: drops stanza-ids an occupant put on its message in the room's name, so that
   * only the room's own id, which its archive knows, reaches others.
   */
  private List<Element> withoutOwnStanzaIds(List<Element> children) {
    List<Element> kept = null;
    for (int i = 0; i < children.size(); i++) {
      Element child = children.get(i);
      boolean spoofed = child.name().equals("stanza-id") && child.namespace().equals(Muc.SID)
          && namesRoom(child.attribute("by"));
      if (spoofed && kept == null) {
        kept = new ArrayList<>(children.subList(0, i));
      } else if (!spoofed && kept != null) {
        kept.add(child);
      }
    }
    return kept == null ? children : kept;
  }

  private boolean namesRoom(String by) {
    if (by == null) {
      return false;
    }
    try {
      return Jid.of(by).equals(jid);
    } catch (RuntimeException e) {
      return false; // not a JID: cannot be the room's
    }
  }

  /** Sends one groupchat message to every occupant: prepared once, only {@code to} differs. */
  void toAll(Message m) {
    PreparedStanza p = PreparedStanza.of(m);
    for (Occupant r : byNick.values()) {
      send(r, p);
    }
  }

  private void privateMessage(Occupant sender, Message m) {
    if (m.type() == Message.Type.GROUPCHAT) {
      host.out().error(m, Condition.BAD_REQUEST); // §7.5: groupchat to an occupant
      return;
    }
    if (sender == null) {
      host.out().error(m, Condition.NOT_ACCEPTABLE);
      return;
    }
    Occupant target = byNick.get(m.to().resource());
    if (target == null) {
      host.out().error(m, Condition.ITEM_NOT_FOUND);
      return;
    }
    boolean allowed = switch (config.allowPm()) {
      case "anyone" -> true;
      case "participants" -> sender.role.hasVoice();
      case "moderators" -> sender.role == Role.MODERATOR;
      default -> false;
    };
    if (!allowed) {
      host.out().error(m, Condition.FORBIDDEN);
      return;
    }
    List<Element> children = new ArrayList<>(withoutOwnStanzaIds(m.children()));
    if (m.child("x", Muc.USER) == null) {
      children.add(Element.of("x", Muc.USER)); // §7.5: marks it as a private message
    }
    // To every session of the occupant (as Prosody does), so each of the user's clients has it.
    Message pm = new Message(target.jid, sender.occupantJid, m.id(), m.type(), m.lang(), children);
    for (Jid session : target.sessions()) {
      host.out().send(pm.withTo(session));
    }
  }

  // §7.8.2 mediated invitations and their declines.
  private void invitations(Occupant sender, Message m, Element x) {
    for (Element invite : x.elements()) {
      if (invite.name().equals("invite")) {
        invite(sender, m, invite);
      } else if (invite.name().equals("decline")) {
        decline(m, invite);
      }
    }
  }

  private void invite(Occupant sender, Message m, Element invite) {
    Jid to;
    try {
      to = Jid.of(invite.attribute("to"));
    } catch (RuntimeException e) {
      host.out().error(m, Condition.JID_MALFORMED);
      return;
    }
    if (sender == null) {
      host.out().error(m, Condition.NOT_ACCEPTABLE);
      return;
    }
    RoomAffiliation a = affiliation(sender.jid);
    boolean privileged = a == RoomAffiliation.OWNER || a == RoomAffiliation.ADMIN;
    if (!config.allowInvites() && !privileged && sender.role != Role.MODERATOR) {
      host.out().error(m, Condition.FORBIDDEN);
      return;
    }
    if (config.membersOnly() && affiliation(to) == RoomAffiliation.NONE) {
      if (!privileged && !config.allowInvites()) {
        host.out().error(m, Condition.FORBIDDEN);
        return;
      }
      // §7.8.2: an invitation to a members-only room makes the invitee a member.
      setOwnAffiliation(to, RoomAffiliation.MEMBER);
      host.changed(this);
    }
    Element.Builder forwarded = Element.builder("invite", Muc.USER)
        .attribute("from", sender.jid.toString());
    Element reason = invite.child("reason", Muc.USER);
    if (reason != null) {
      forwarded.child(reason);
    }
    Element.Builder x = Element.builder("x", Muc.USER).child(forwarded.build());
    if (config.needsPassword()) {
      x.child(Muc.text("password", Muc.USER, config.password()));
    }
    host.out().send(new Message(to, jid, m.id(), Message.Type.NORMAL, null, List.of(x.build(),
        Element.builder("x", Muc.CONFERENCE).attribute("jid", jid.toString()).build())));
  }

  private void decline(Message m, Element decline) {
    Jid to;
    try {
      to = Jid.of(decline.attribute("to"));
    } catch (RuntimeException e) {
      host.out().error(m, Condition.JID_MALFORMED);
      return;
    }
    Element.Builder forwarded = Element.builder("decline", Muc.USER)
        .attribute("from", m.from().asBare().toString());
    Element reason = decline.child("reason", Muc.USER);
    if (reason != null) {
      forwarded.child(reason);
    }
    host.out().send(new Message(to, jid, m.id(), Message.Type.NORMAL, null,
        List.of(Element.builder("x", Muc.USER).child(forwarded.build()).build())));
  }

  // §7.13 a visitor asks for voice; §8.6 a moderator approves it.
  private void voiceRequest(Occupant sender, Message m, Element form) {
    if (sender == null) {
      host.out().error(m, Condition.NOT_ACCEPTABLE);
      return;
    }
    Map<String, List<String>> values = DataForms.values(form);
    if ("submit".equals(form.attribute("type")) && sender.role == Role.MODERATOR
        && values.containsKey("muc#request_allow")) {
      List<String> allow = values.get("muc#request_allow");
      List<String> nick = values.getOrDefault("muc#roomnick", List.of());
      Occupant target = nick.isEmpty() ? null : byNick.get(nick.get(0));
      if (!allow.isEmpty() && DataForms.isTrue(allow.get(0)) && target != null
          && target.role == Role.VISITOR) {
        target.role = Role.PARTICIPANT;
        target.changed();
        broadcastPresence(target, List.of());
      }
      return;
    }
    if (sender.role != Role.VISITOR) {
      return; // already has voice: nothing to ask for
    }
    Element request = DataForms.form("form", Muc.REQUEST)
        .title("Voice request")
        .field("muc#role", "list-single", "Requested role", "participant")
        .field("muc#jid", "jid-single", "User ID", sender.jid.toString())
        .field("muc#roomnick", "text-single", "Room Nickname", sender.nick())
        .bool("muc#request_allow", "Grant voice to this person?", false)
        .build();
    for (Occupant r : byNick.values()) {
      if (r.role == Role.MODERATOR) {
        host.out().send(new Message(r.jid, jid, Ids.next(),
            Message.Type.NORMAL, null, List.of(request)));
      }
    }
  }

  private static String formType(Element form) {
    List<String> v = DataForms.values(form).get("FORM_TYPE");
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  // ---- IQs to occupants (§7.7, XEP-0410) ----

  synchronized void occupantIq(Iq iq) {
    Occupant sender = byJid.get(iq.from());
    if (!iq.isRequest()) {
      PendingIq pending = pendingIqs.remove(iq.id());
      if (pending != null && pending.to().equals(iq.from())) {
        host.out().send(new Iq(pending.from(), iq.to(), pending.id(), iq.type(), iq.lang(),
            iq.children()));
      }
      return;
    }
    Occupant target = byNick.get(iq.to().resource());
    Element payload = iq.payload();
    if (sender == null) {
      // §6.6 and XEP-0410 §3: a non-occupant learns nothing about occupants.
      boolean disco = payload != null && (payload.namespace().equals(Muc.DISCO_INFO)
          || payload.namespace().equals(Muc.DISCO_ITEMS));
      host.out().error(iq, disco ? Condition.BAD_REQUEST : Condition.NOT_ACCEPTABLE);
      return;
    }
    if (target == null) {
      host.out().error(iq, Condition.ITEM_NOT_FOUND);
      return;
    }
    if (target == sender && payload != null && payload.namespace().equals(Muc.PING)) {
      // XEP-0410 §3.1 (self-ping optimization): the room answers for a joined client.
      host.out().send(iq.result());
      return;
    }
    String id = Ids.next();
    pendingIqs.put(id, new PendingIq(iq.from(), iq.id(), target.jid));
    if (pendingIqs.size() > 1000) {
      pendingIqs.remove(pendingIqs.keySet().iterator().next());
    }
    host.out().send(new Iq(target.jid, sender.occupantJid, id, iq.type(), iq.lang(),
        iq.children()));
  }

  // ---- changes made by admins and owners (used by RoomAdmin) ----

  /**
   * Applies a user's new affiliation to their occupant, if in the room: out with 301 when
   * banned, with 321 when no longer allowed in a members-only room, else a new role and a
   * presence broadcast.
   */
  void affiliationChanged(Jid user, Jid actor, String reason) {
    List<Occupant> affected = new ArrayList<>();
    for (Occupant o : byNick.values()) {
      if (o.jid.asBare().equals(user.asBare())) {
        affected.add(o);
      }
    }
    RoomAffiliation a = affiliation(user);
    for (Occupant o : affected) {
      if (a == RoomAffiliation.OUTCAST) {
        removeOccupant(o, null, actorAndReason(actor, reason), null, Muc.BANNED);
      } else if (defaultRole(a) == Role.NONE) {
        removeOccupant(o, null, actorAndReason(actor, reason), null,
            Muc.AFFILIATION_CHANGED);
      } else {
        Role role = defaultRole(a);
        // Losing admin or owner also loses moderation; gaining it grants it (§9.4, §10.6).
        if (a == RoomAffiliation.OWNER || a == RoomAffiliation.ADMIN
            || o.role == Role.MODERATOR || o.role.ordinal() > role.ordinal()) {
          o.role = role;
        }
        o.changed();
        broadcastPresence(o, List.of());
      }
    }
  }

  /** Puts an occupant out of the room (kick, §8.2) with the given codes. */
  void kick(Occupant o, Jid actor, String reason, int code) {
    removeOccupant(o, null, actorAndReason(actor, reason), null, code);
  }

  // §8.2, §9.1: the item names who acted (by nickname, if in the room) and why.
  private List<Element> actorAndReason(Jid actor, String reason) {
    List<Element> details = new ArrayList<>(2);
    if (actor != null) {
      Occupant a = byJid.get(actor);
      Element.Builder actorEl = Element.builder("actor", Muc.USER);
      if (a != null) {
        actorEl.attribute("nick", a.nick());
      }
      details.add(actorEl.build());
    }
    if (reason != null) {
      details.add(Muc.text("reason", Muc.USER, reason));
    }
    return details;
  }

  /** Destroys the room (§10.9): every occupant gets unavailable with the destroy element. */
  synchronized void destroy(Jid alternate, String reason, String password) {
    if (destroyed) {
      return;
    }
    Element.Builder destroy = Element.builder("destroy", Muc.USER);
    if (alternate != null) {
      destroy.attribute("jid", alternate.toString());
    }
    if (reason != null) {
      destroy.child(Muc.text("reason", Muc.USER, reason));
    }
    if (password != null) {
      destroy.child(Muc.text("password", Muc.USER, password));
    }
    Element destroyElement = destroy.build();
    for (Occupant o : List.copyOf(byNick.values())) {
      Element x = Element.builder("x", Muc.USER)
          .child(Element.builder("item", Muc.USER).attribute("affiliation", "none")
              .attribute("role", "none").build())
          .child(destroyElement).build();
      for (Jid session : o.sessions()) {
        host.out().send(new Presence(session, o.occupantJid, null, Presence.Type.UNAVAILABLE,
            null, List.of(x)));
      }
    }
    byJid.clear();
    byNick.clear();
    destroyed = true;
    host.removed(this);
  }

  String subject() {
    return subject;
  }

  /** The room's name for disco: the configured name, or the room's localpart. */
  String displayName() {
    return config.name().isEmpty() ? jid.local() : config.name();
  }
}
