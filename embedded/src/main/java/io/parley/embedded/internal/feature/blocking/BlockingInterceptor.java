package io.parley.embedded.internal.feature.blocking;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.util.Set;
import javax.inject.Inject;

/**
 * Enforces block lists (XEP-0191 §3.3) on every stanza a local session sends, before routing,
 * from the cached lists only (never blocks):
 *
 * <ul>
 *   <li>to a JID the sender blocked: not routed; messages and IQ requests are answered
 *       {@code not-acceptable} with {@code <blocked xmlns='urn:xmpp:blocking:errors'/>};
 *   <li>to a local user who blocked the sender: not delivered; messages and IQ get/set are
 *       answered {@code service-unavailable}, so the user appears offline; presence is dropped.
 * </ul>
 *
 * <p>Errors, IQ responses and presence are dropped silently in both directions. Stanzas between
 * a user's own resources are never blocked.
 */
final class BlockingInterceptor implements StanzaInterceptor {
  private final BlockLists lists;
  private final SessionRegistry sessions;
  private final String domain;

  @Inject
  BlockingInterceptor(BlockLists lists, SessionRegistry sessions, ServerConfig config) {
    this.lists = lists;
    this.sessions = sessions;
    this.domain = config.domain().domain();
  }

  @Override
  public Stanza inbound(Stanza stanza, Jid session) {
    Jid to = stanza.to();
    Jid sender = session.asBare();
    if (to == null || to.asBare().equals(sender)) {
      return stanza;
    }
    Set<Jid> own = lists.cached(sender);
    if (own != null && Blocking.matches(own, to)) {
      return refuse(stanza, session, Blocking.blockedError());
    }
    if (to.local() != null && to.domain().equals(domain)) {
      Set<Jid> theirs = lists.cached(to.asBare());
      if (theirs != null && Blocking.matches(theirs, session)) {
        return refuse(stanza, session, StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE));
      }
    }
    return stanza;
  }

  // Answers messages and IQ requests with the error, straight to the sending session; drops
  // the rest. Returns null: the stanza is not routed.
  private Stanza refuse(Stanza stanza, Jid session, StanzaError error) {
    boolean answer = !(stanza instanceof Presence) && !"error".equals(stanza.typeName())
        && !(stanza instanceof Iq iq && !iq.isRequest());
    if (answer) {
      Session s = sessions.find(session);
      if (s != null) {
        s.deliver(stanza.errorReply(error));
      }
    }
    return null;
  }
}
