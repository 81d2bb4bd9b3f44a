package io.parley.embedded.internal.feature.roster;

import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interested resources of each user (RFC 6121 §2.2: those that requested the roster in this
 * session) and the roster pushes to them (§2.1.6). Also remembers, per user with an interested
 * resource, the host items those resources were last told about, so that a change of the host's
 * items can be pushed as a difference.
 *
 * <p>Thread-safe; never blocks. Sessions leave when they end.
 */
@Singleton
final class RosterPushes implements SessionLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RosterPushes.class);

  private final SessionRegistry registry;
  private final ConcurrentHashMap<Jid, Interest> byUser = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Inject
  RosterPushes(SessionRegistry registry) {
    this.registry = registry;
  }

  /** One user's interested sessions and the host items they know. */
  static final class Interest {
    final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    // Written only by tasks serialised per user (roster gets and host changes).
    volatile Map<Jid, RosterItem> hostItems = Map.of();
  }

  /** Marks a session interested, after it was sent a roster with these host items. */
  void interested(Session session, Map<Jid, RosterItem> hostItems) {
    Jid user = session.jid().asBare();
    byUser.compute(user, (u, interest) -> {
      Interest i = interest == null ? new Interest() : interest;
      i.sessions.add(session);
      i.hostItems = hostItems;
      return i;
    });
    // The session may have ended while its roster was read; its end event then missed this entry.
    // Sessions are unbound before that event, so this check and ended() cannot both miss it.
    if (registry.find(session.jid()) != session) {
      ended(session);
    }
  }

  /** The user's interest, or null when no resource requested the roster. */
  Interest interest(Jid user) {
    return byUser.get(user);
  }

  /** Sends one roster push with this item to every interested resource of the user. */
  void push(Jid user, String ver, Element item) {
    Interest interest = byUser.get(user);
    if (interest == null) {
      return;
    }
    Element query = RosterQuery.query(ver, List.of(item));
    for (Session s : interest.sessions) {
      // No 'from': implicitly the user's bare JID, the only sender a client accepts (§2.1.6).
      Iq push = new Iq(s.jid(), null, "roster-" + ids.incrementAndGet(), Iq.Type.SET, null,
          List.of(query));
      if (!s.deliver(push)) {
        log.debug("roster push to {} dropped: mailbox full or session ended", s.jid());
      }
    }
  }

  @Override
  public void ended(Session session) {
    byUser.computeIfPresent(session.jid().asBare(), (u, interest) -> {
      interest.sessions.remove(session);
      return interest.sessions.isEmpty() ? null : interest;
    });
  }
}
