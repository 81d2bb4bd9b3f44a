package io.parley.embedded.internal.feature.pubsub;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.router.Router;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * Sends event notifications (XEP-0060 §7.1.2) through the fan-out engine: the message is
 * prepared once and each recipient's session gets it with only {@code to} differing. Never
 * blocks: a recipient whose mailbox is full misses that notification (counted in
 * {@link #dropped()}), as a headline may be lost; the publisher and the other recipients go on.
 */
@Singleton
final class Notifier {
  private final SessionRegistry sessions;
  private final Provider<Router> router;
  private final String domain;
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder dropped = new LongAdder();

  @Inject
  Notifier(SessionRegistry sessions, Provider<Router> router, ServerConfig config) {
    this.sessions = sessions;
    this.router = router;
    this.domain = config.domain().domain();
  }

  /** A notification from {@code service} carrying {@code event} children, prepared once. */
  PreparedStanza prepare(Jid service, String notificationType, List<Element> eventChildren) {
    return PreparedStanza.of(message(service, notificationType, List.of(
        Element.builder("event", PubSub.EVENT).children(eventChildren).build())));
  }

  /** As above, with {@code trailer} (SHIM headers) after the event (XEP-0060 §7.1.2.2). */
  PreparedStanza prepare(Jid service, String notificationType, List<Element> eventChildren,
      Element trailer) {
    return PreparedStanza.of(message(service, notificationType, List.of(
        Element.builder("event", PubSub.EVENT).children(eventChildren).build(), trailer)));
  }

  private Message message(Jid service, String notificationType, List<Element> children) {
    Message.Type type = "normal".equals(notificationType) ? Message.Type.NORMAL
        : Message.Type.HEADLINE;
    return new Message(null, service, "ps" + ids.incrementAndGet(), type, null, children);
  }

  /**
   * Delivers to one subscriber JID: a full JID's session, or every available resource of a bare
   * JID with non-negative priority (as a headline to a bare JID goes, RFC 6121 §8.5.2.1.1).
   * Returns how many sessions took it.
   */
  int deliver(PreparedStanza notification, Jid to) {
    if (!to.domain().equals(domain)) {
      // No federation yet: the router answers what it cannot reach.
      router.get().routeFromServer(notification.stanza(to));
      return 0;
    }
    if (to.isFull()) {
      Session s = sessions.find(to);
      return s == null ? 0 : offer(s, notification, to);
    }
    int n = 0;
    for (Session s : sessions.resources(to)) {
      if (s.isAvailable() && s.priority() >= 0) {
        n += offer(s, notification, to);
      }
    }
    return n;
  }

  /**
   * As {@link #deliver(PreparedStanza, Jid)}, but only to sessions with available presence
   * (XEP-0060 {@code pubsub#presence_based_delivery}, §13.6): a full JID's session must have
   * sent initial presence; a remote JID's presence is unknown here, so it gets nothing.
   */
  int deliverToAvailable(PreparedStanza notification, Jid to) {
    if (!to.domain().equals(domain)) {
      return 0;
    }
    if (to.isFull()) {
      Session s = sessions.find(to);
      return s == null || !s.isAvailable() ? 0 : offer(s, notification, to);
    }
    return deliver(notification, to);
  }

  /** Delivers to one session, addressed to its full JID; 1 if it took it. */
  int deliver(PreparedStanza notification, Session session) {
    return offer(session, notification, session.jid());
  }

  private int offer(Session s, PreparedStanza notification, Jid to) {
    if (s.deliver(notification, to)) {
      return 1;
    }
    dropped.increment();
    return 0;
  }

  /** Notifications refused by full mailboxes since start. */
  long dropped() {
    return dropped.sum();
  }
}
