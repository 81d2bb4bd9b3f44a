package io.parley.embedded.internal.feature.muc;

import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.util.ArrayList;
import java.util.List;

/**
 * One occupant of a room: a user's full JID under a nickname, with its role and last presence.
 * Guarded by the room's lock. The presence others see is built once per change and reused for
 * every recipient (with and without the real JID) and prepared for the fan-out engine, so a
 * join or a broadcast neither rebuilds nor re-serializes it per occupant.
 */
final class Occupant {
  final Jid jid;
  Jid occupantJid;
  Role role;
  private List<Element> presenceChildren = List.of();
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
    List<Element> children = new ArrayList<>(p.children().size());
    for (Element child : p.children()) {
      if (!child.namespace().equals(Muc.NAMESPACE) && !child.namespace().equals(Muc.USER)) {
        children.add(child);
      }
    }
    presenceChildren = List.copyOf(children);
    changed();
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
