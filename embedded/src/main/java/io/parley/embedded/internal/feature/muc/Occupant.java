package io.parley.embedded.internal.feature.muc;

import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One occupant of a room: a user's sessions (full JIDs of one bare JID) under a nickname, with
 * its role and presence. Most occupants have one session; a user who joins again from another
 * resource with the same nickname adds one (XEP-0045 §7.2 multi-session, as Prosody does). The
 * primary session, {@link #jid}, is the one whose presence (and real JID) others see: the
 * session that sent the latest presence. Guarded by the room's lock. The presence others see is built once per change and reused for
 * every recipient (with and without the real JID) and prepared for the fan-out engine, so a
 * join or a broadcast neither rebuilds nor re-serializes it per occupant.
 */
final class Occupant {
  /** The primary session. */
  Jid jid;
  Jid occupantJid;
  Role role;
  private List<Element> presenceChildren = List.of();
  // The other sessions and their presence payloads, in the order they were last active; null
  // for the usual single session, so deliveries to it allocate nothing.
  LinkedHashMap<Jid, List<Element>> others;
  private PreparedStanza withJid;
  private PreparedStanza withoutJid;

  Occupant(Jid jid, Jid occupantJid, Role role) {
    this.jid = jid;
    this.occupantJid = occupantJid;
    this.role = role;
  }

  String nick() {
    return occupantJid.resource();
  }

  /** Keeps the user's presence payload (show, status, caps...) without MUC elements. */
  void presence(Presence p) {
    presenceChildren = payload(p);
    changed();
  }

  static List<Element> payload(Presence p) {
    List<Element> children = new ArrayList<>(p.children().size());
    for (Element child : p.children()) {
      if (!child.namespace().equals(Muc.NAMESPACE) && !child.namespace().equals(Muc.USER)) {
        children.add(child);
      }
    }
    return List.copyOf(children);
  }

  int sessionCount() {
    return others == null ? 1 : 1 + others.size();
  }

  /** Every session, the primary first. */
  List<Jid> sessions() {
    if (others == null) {
      return List.of(jid);
    }
    List<Jid> all = new ArrayList<>(1 + others.size());
    all.add(jid);
    all.addAll(others.keySet());
    return all;
  }

  /** Another session of the same user joins under this nickname. */
  void addSession(Jid session, Presence p) {
    if (others == null) {
      others = new LinkedHashMap<>();
    }
    others.put(session, payload(p));
  }

  /** The session sent presence: it becomes the primary, with that presence. */
  void presenceFrom(Jid session, Presence p) {
    if (!session.equals(jid)) {
      others.remove(session);
      others.put(jid, presenceChildren);
      jid = session;
    }
    presence(p);
  }

  /**
   * Takes a session out (not the last one); when it was the primary, the most recently active
   * other session becomes it. Returns whether the primary changed.
   */
  boolean removeSession(Jid session) {
    boolean primary = session.equals(jid);
    if (primary) {
      Jid next = null;
      for (Jid s : others.keySet()) {
        next = s;
      }
      presenceChildren = others.remove(next);
      jid = next;
      changed();
    } else {
      others.remove(session);
    }
    if (others.isEmpty()) {
      others = null;
    }
    return primary;
  }

  List<Element> presenceChildren() {
    return presenceChildren;
  }

  /** Forgets the built presences after a change of role, affiliation or nickname. */
  void changed() {
    withJid = null;
    withoutJid = null;
  }

  PreparedStanza cached(boolean showJid) {
    return showJid ? withJid : withoutJid;
  }

  void cache(boolean showJid, PreparedStanza p) {
    if (showJid) {
      withJid = p;
    } else {
      withoutJid = p;
    }
  }
}
