package io.parley.embedded.internal.feature.register;

import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Ends the sessions of a removed account (XEP-0077 §3.2: a {@code <not-authorized/>} stream
 * error for every active session). The requesting session is ended only once the IQ result of its
 * remove request is being written to it: this built-in outbound interceptor sees that result pass
 * and then asks the session to end, so the stream error follows the result on the wire.
 */
@Singleton
final class AccountRemovals implements StanzaInterceptor, SessionLifecycle {
  private record Pending(Jid session, String id) {}

  private final SessionRegistry sessions;
  private final Map<Pending, Boolean> pending = new ConcurrentHashMap<>();

  @Inject
  AccountRemovals(SessionRegistry sessions) {
    this.sessions = sessions;
  }

  /**
   * The account of {@code requester} is gone: ends its other sessions now, and the requester's
   * after the result of request {@code id} reaches it. Call before the result is returned.
   */
  void removed(Jid requester, String id) {
    pending.put(new Pending(requester, id), Boolean.TRUE);
    for (Session s : sessions.resources(requester.asBare())) {
      if (!s.jid().equals(requester)) {
        s.terminate(StreamErrorCondition.NOT_AUTHORIZED);
      }
    }
  }

  @Override
  public Stanza outbound(Stanza stanza, Jid session) {
    if (!pending.isEmpty() && stanza instanceof Iq iq && iq.type() == Iq.Type.RESULT
        && fromServer(iq, session) && pending.remove(new Pending(session, iq.id())) != null) {
      Session s = sessions.find(session);
      if (s != null) {
        // Queued behind the write of this result on the connection's thread.
        s.terminate(StreamErrorCondition.NOT_AUTHORIZED);
      }
    }
    return stanza;
  }

  // The dispatcher's reply comes from nobody, the domain or the account itself, never a peer.
  private static boolean fromServer(Iq iq, Jid session) {
    return iq.from() == null || iq.from().local() == null
        || iq.from().equals(session.asBare());
  }

  @Override
  public void ended(Session session) {
    if (!pending.isEmpty()) {
      pending.keySet().removeIf(p -> p.session().equals(session.jid()));
    }
  }
}
