package io.parley.embedded.internal.feature.presence;

import io.parley.embedded.internal.feature.roster.Rosters;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Contacts} of every user with an available resource, so that a broadcast never asks
 * the roster store: loaded once (on the blocking executor) when the user's first resource becomes
 * available, dropped when the last one goes.
 */
@Singleton
final class OnlineContacts {
  private static final Logger log = LoggerFactory.getLogger(OnlineContacts.class);

  private final ConcurrentHashMap<Jid, Contacts> byUser = new ConcurrentHashMap<>();
  private final Rosters rosters;
  private final SessionRegistry sessions;

  @Inject
  OnlineContacts(Rosters rosters, SessionRegistry sessions) {
    this.rosters = rosters;
    this.sessions = sessions;
  }

  /** The user's contacts, starting to load them if the user had none cached. */
  Contacts acquire(Jid user) {
    Contacts existing = byUser.get(user);
    if (existing != null) {
      return existing;
    }
    Contacts[] created = new Contacts[1];
    Contacts contacts = byUser.computeIfAbsent(user, u -> created[0] = new Contacts());
    if (created[0] != null) {
      rosters.roster(user).whenComplete((roster, failure) -> {
        if (failure != null) {
          log.warn("could not load the roster of {}; presence goes to no contact", user,
              failure);
        }
        contacts.loaded(failure == null ? roster : List.of());
      });
    }
    return contacts;
  }

  /** Loads the user's contacts again, if they are cached (the host changed its items). */
  void reload(Jid user) {
    Contacts current = byUser.get(user);
    if (current == null) {
      return;
    }
    rosters.roster(user).whenComplete((roster, failure) -> {
      if (failure != null) {
        log.warn("could not reload the roster of {}", user, failure);
        return;
      }
      Contacts fresh = new Contacts();
      fresh.loaded(roster);
      byUser.replace(user, current, fresh);
    });
  }

  /** The user's cached contacts, or null when no resource of the user is available. */
  Contacts get(Jid user) {
    return byUser.get(user);
  }

  /** Forgets the user's contacts unless a resource of the user is still available. */
  void releaseIfOffline(Jid user) {
    byUser.computeIfPresent(user, (u, c) -> {
      for (Session s : sessions.resources(u)) {
        if (s.isAvailable()) {
          return c;
        }
      }
      return null;
    });
  }
}
