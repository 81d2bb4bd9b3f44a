package io.parley.embedded.internal.feature.carbons;

import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import javax.inject.Inject;

/**
 * Sends carbons (XEP-0280) straight into the carbons-enabled sessions' mailboxes; never blocks.
 *
 * <ul>
 *   <li>inbound, a local session sends an eligible message: a {@code <sent/>} copy to each of
 *       the sender's other carbons-enabled resources (§8);
 *   <li>outbound, an eligible message is written to a local session R: a {@code <received/>}
 *       copy to each of the account's carbons-enabled resources that did not get the message
 *       itself (§7). For a message to the bare JID (or to a resource that is gone) those are the
 *       available resources sharing the highest non-negative priority, computed as the router
 *       does; for a message to R's full JID only R. Of the resources that got it, only the one
 *       with the smallest JID sends the copies, so each copy is sent once.
 * </ul>
 */
final class CarbonsInterceptor implements StanzaInterceptor {
  private final CarbonsSessions carbons;
  private final SessionRegistry sessions;

  @Inject
  CarbonsInterceptor(CarbonsSessions carbons, SessionRegistry sessions) {
    this.carbons = carbons;
    this.sessions = sessions;
  }

  @Override
  public Stanza inbound(Stanza stanza, Jid session) {
    if (stanza instanceof Message m && Carbons.eligible(m, true)) {
      Jid user = session.asBare();
      for (Session s : sessions.resources(user)) {
        if (!s.jid().equals(session) && carbons.isEnabled(s)) {
          s.deliver(Carbons.carbon(m, Carbons.SENT, user, s.jid()));
        }
      }
    }
    return stanza;
  }

  @Override
  public Stanza outbound(Stanza stanza, Jid session) {
    if (stanza instanceof Message m && m.to() != null
        && m.to().asBare().equals(session.asBare()) && Carbons.eligible(m, false)) {
      received(m, session);
    }
    return stanza;
  }

  private void received(Message m, Jid recipient) {
    Jid user = recipient.asBare();
    Session[] resources = sessions.resources(user);
    boolean toResource = m.to().isFull() && m.to().equals(recipient);
    int best = Integer.MIN_VALUE;
    if (!toResource) {
      for (Session s : resources) {
        if (s.isAvailable() && s.priority() >= 0 && s.priority() > best) {
          best = s.priority();
        }
      }
      // Only the first (by JID) of the resources that got the message sends the copies.
      for (Session s : resources) {
        if (gotIt(s, best) && s.jid().toString().compareTo(recipient.toString()) < 0) {
          return;
        }
      }
    }
    for (Session s : resources) {
      if (!s.jid().equals(recipient) && (toResource || !gotIt(s, best))
          && carbons.isEnabled(s)) {
        s.deliver(Carbons.carbon(m, Carbons.RECEIVED, user, s.jid()));
      }
    }
  }

  // The router's rule for a message to the bare JID (RFC 6121 §8.5.2.1.1).
  private static boolean gotIt(Session s, int best) {
    return best != Integer.MIN_VALUE && s.isAvailable() && s.priority() == best;
  }
}
