package io.parley.embedded.internal.feature.presence;

import dagger.Lazy;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.router.Router;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Hands presence to local sessions (RFC 6121 §8.5): to a bare JID means every available resource,
 * to a full JID that one resource. Presence is not queued for offline users; a full mailbox drops
 * it (presence is state that the next broadcast replaces). Presence to another domain (a service
 * of this server, such as a chat room) goes through the router.
 */
@Singleton
final class LocalDelivery {
  private final SessionRegistry sessions;
  private final String domain;
  private final Lazy<Router> router;

  @Inject
  LocalDelivery(SessionRegistry sessions, ServerConfig config, Lazy<Router> router) {
    this.sessions = sessions;
    this.domain = config.domain().domain();
    this.router = router;
  }

  /** Delivers to {@code to} (bare: its available resources; full: that resource). */
  void deliver(Jid to, Presence presence) {
    if (!to.domain().equals(domain)) {
      router.get().routeFromServer(presence);
    } else if (to.isFull()) {
      Session s = sessions.find(to);
      if (s != null) {
        s.deliver(presence);
      }
    } else {
      toAvailable(to, presence);
    }
  }

  /** Delivers to every available resource of an account; how many took it. */
  int toAvailable(Jid bare, Presence presence) {
    int n = 0;
    for (Session s : sessions.resources(bare)) {
      if (s.isAvailable() && s.deliver(presence)) {
        n++;
      }
    }
    return n;
  }

  /**
   * A broadcast to one subscriber: to each of its available resources, addressed to its bare JID
   * (as a contact's server would receive it). The presence is prepared once for all subscribers,
   * so network sessions share its serialization.
   */
  void broadcast(Jid subscriber, PreparedStanza presence) {
    for (Session s : sessions.resources(subscriber)) {
      if (s.isAvailable()) {
        s.deliver(presence, subscriber);
      }
    }
  }

  /**
   * Sends the last presence of each available resource of {@code user} to {@code recipient}
   * (RFC 6121 §4.3.2, §3.1.5); how many resources there were.
   */
  int presenceOf(Jid user, Jid recipient) {
    int n = 0;
    for (Session s : sessions.resources(user)) {
      Presence p = s.presence();
      if (s.isAvailable() && p != null) {
        deliver(recipient, p.withAddresses(recipient, s.jid()));
        n++;
      }
    }
    return n;
  }

  /** Sends unavailable from each available resource of {@code user} (RFC 6121 §3.2.2, §3.3.3). */
  void unavailableOf(Jid user, Jid recipient) {
    for (Session s : sessions.resources(user)) {
      if (s.isAvailable()) {
        deliver(recipient, new Presence(recipient, s.jid(), null, Presence.Type.UNAVAILABLE,
            null, List.of()));
      }
    }
  }
}
