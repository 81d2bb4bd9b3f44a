package io.parley.embedded.internal.feature.muc;

import io.parley.embedded.internal.router.Router;
import io.parley.embedded.internal.session.Burst;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError.Condition;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * The one path every stanza a room sends takes: an offer to the recipient session's mailbox,
 * never a wait, so a full or slow occupant cannot hold up the others (its stanza is refused and
 * dropped for that occupant only; a message is answered {@code resource-constraint} to nobody,
 * since the sender is the room). Recipients that are not a bound session of this server (a
 * stanza to a bare JID, an invitation to an offline user) go through the router's ordinary
 * rules. A stanza many occupants get (a groupchat message, an occupant's presence, a history
 * message) is prepared once and delivered through {@link #send(PreparedStanza, Jid)}, so network
 * sessions share one serialization and only {@code to} differs per recipient.
 */
@Singleton
final class RoomBroadcast {
  private final SessionRegistry sessions;
  private final Provider<Router> router;

  @Inject
  RoomBroadcast(SessionRegistry sessions, Provider<Router> router) {
    this.sessions = sessions;
    this.router = router;
  }

  /** Sends one stanza to its {@code to}. */
  void send(Stanza stanza) {
    Jid to = stanza.to();
    if (to == null) {
      return;
    }
    if (to.isFull()) {
      Session session = sessions.find(to);
      if (session != null) {
        session.deliver(stanza); // refused by a full mailbox: dropped for this occupant alone
        return;
      }
    }
    router.get().routeFromServer(stanza);
  }

  /**
   * Delivers a prepared stanza to {@code to}: an offer to that session's mailbox (refused, and
   * dropped for that occupant alone, when full); any other recipient takes the router's path.
   */
  void send(PreparedStanza prepared, Jid to) {
    if (to.isFull()) {
      Session session = sessions.find(to);
      if (session != null) {
        session.deliver(prepared, to);
        return;
      }
    }
    router.get().routeFromServer(prepared.stanza(to));
  }

  /**
   * Delivers a join burst to the session {@code to} as one mailbox entry, so a room larger than
   * the mailbox loses none of it (refused whole only by a full mailbox); a recipient that is not
   * a local session gets each stanza through the router.
   */
  void send(Burst burst, Jid to) {
    Session session = to.isFull() ? sessions.find(to) : null;
    if (session != null) {
      session.deliver(burst);
      return;
    }
    for (Stanza s : burst.stanzas()) {
      router.get().routeFromServer(s);
    }
  }

  /** Answers a stanza the room refuses with an error from the address it was sent to. */
  void error(Stanza stanza, Condition condition) {
    router.get().bounce(stanza, condition);
  }
}
