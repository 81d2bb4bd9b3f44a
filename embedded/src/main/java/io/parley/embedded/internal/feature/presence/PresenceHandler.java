package io.parley.embedded.internal.feature.presence;

import dagger.Lazy;
import io.parley.embedded.internal.router.PresenceHandling;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionEvents;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence of local users (RFC 6121 §4): initial presence, updates and unavailable broadcast to
 * subscribers and to the user's own resources, answers to the probes of initial presence,
 * directed presence, and unavailable for sessions that end. Subscription stanzas and probes go
 * to {@link SubscriptionHandler}. Runs on the sender's thread and never blocks: the contacts to
 * broadcast to come from {@link OnlineContacts}, loaded once per online user.
 */
@Singleton
final class PresenceHandler implements PresenceHandling, SessionLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PresenceHandler.class);

  private final SessionRegistry sessions;
  // Lazy: SessionEvents calls this class back as a SessionLifecycle.
  private final Lazy<SessionEvents> events;
  private final OnlineContacts online;
  private final PendingSubscriptions pending;
  private final DirectedPresence directed;
  private final SubscriptionHandler subscriptions;
  private final LocalDelivery delivery;

  @Inject
  PresenceHandler(SessionRegistry sessions, Lazy<SessionEvents> events, OnlineContacts online,
      PendingSubscriptions pending, DirectedPresence directed, SubscriptionHandler subscriptions,
      LocalDelivery delivery, Set<PresenceFilter> filters) {
    this.filters = filters;
    this.sessions = sessions;
    this.events = events;
    this.online = online;
    this.pending = pending;
    this.directed = directed;
    this.subscriptions = subscriptions;
    this.delivery = delivery;
  }

  private final Set<PresenceFilter> filters;

  private boolean withheld(Jid from, Jid to) {
    for (PresenceFilter f : filters) {
      if (f.withholds(from, to)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void broadcast(Presence presence, Session sender) {
    switch (presence.type()) {
      case AVAILABLE -> available(presence.withFrom(sender.jid()), sender);
      case UNAVAILABLE -> unavailable(presence.withFrom(sender.jid()), sender);
      // Subscription stanzas and probes need a 'to'; an error to nobody goes nowhere.
      default -> { }
    }
  }

  // RFC 6121 §4.2.2 (initial presence) and §4.4.2 (updates).
  private void available(Presence presence, Session sender) {
    boolean initial = !sender.isAvailable();
    sender.presence(presence);
    Jid user = sender.jid().asBare();
    if (initial) {
      events.get().initialPresence(sender);
    }
    events.get().presenceChanged(sender, presence);
    // Every available resource of the user, the sender included ("an entity is implicitly
    // subscribed to its own presence", §4.2.2).
    delivery.toAvailable(user, presence.withTo(user));
    if (initial) {
      for (Session other : sessions.resources(user)) {
        Presence last = other.presence();
        if (other != sender && other.isAvailable() && last != null) {
          sender.deliver(last.withAddresses(sender.jid(), other.jid()));
        }
      }
      // §3.1.3: requests that arrived while the user was offline, or are still unanswered.
      pending.of(user).whenComplete((requests, failure) -> {
        if (failure != null) {
          log.warn("could not read the pending subscription requests of {}", user, failure);
          return;
        }
        for (Presence request : requests) {
          sender.deliver(request);
        }
      });
    }
    online.acquire(user).whenLoaded(contacts -> {
      send(contacts.subscribers(), user, presence);
      if (initial) {
        answerProbes(contacts.publishers(), sender);
      }
    });
  }

  // RFC 6121 §4.5.2, also for a session that ended (§4.5.2: "for any reason").
  private void unavailable(Presence presence, Session sender) {
    boolean wasAvailable = sender.isAvailable();
    sender.presence(presence);
    Jid user = sender.jid().asBare();
    Contacts contacts = online.get(user);
    if (wasAvailable) {
      events.get().presenceChanged(sender, presence);
      delivery.toAvailable(user, presence.withTo(user));
      if (contacts != null) {
        contacts.whenLoaded(c -> send(c.subscribers(), user, presence));
      }
    }
    // §4.6.3: entities that got directed presence and are not subscribers.
    Set<Jid> targets = directed.clear(sender);
    if (!targets.isEmpty()) {
      Runnable toDirected = () -> {
        Jid[] subscribers = contacts == null || !wasAvailable ? new Jid[0]
            : contacts.subscribers();
        List<Jid> broadcastTo = Arrays.asList(subscribers);
        for (Jid target : targets) {
          if (!broadcastTo.contains(target.asBare())) {
            delivery.deliver(target, presence.withTo(target));
          }
        }
      };
      if (contacts == null) {
        toDirected.run();
      } else {
        contacts.whenLoaded(c -> toDirected.run());
      }
    }
    online.releaseIfOffline(user);
  }

  private void send(Jid[] subscribers, Jid user, Presence presence) {
    PreparedStanza prepared = null; // serialized once for every subscriber's sessions
    for (Jid subscriber : subscribers) {
      if (!subscriber.equals(user) && !withheld(user, subscriber)) {
        if (prepared == null) {
          prepared = PreparedStanza.of(presence);
        }
        delivery.broadcast(subscriber, prepared);
      }
    }
  }

  /*
   * §4.2.2 and §4.3: the server probes the contacts the user is subscribed to. They are local, so
   * it answers at once from their sessions: the last presence of each available resource, if the
   * contact's own roster grants the user From (read from the contact's cached contacts, which
   * exist as it is available). Contacts with no available resource send nothing: the new
   * resource starts with every contact unavailable, so an unavailable answer per offline contact
   * would only flood it.
   */
  private void answerProbes(Jid[] publishers, Session sender) {
    Jid user = sender.jid().asBare();
    for (Jid contact : publishers) {
      Contacts theirs = contact.equals(user) ? null : online.get(contact);
      if (theirs != null) {
        theirs.whenLoaded(c -> {
          if (c.hasSubscriber(user) && !withheld(contact, user)) {
            for (Session s : sessions.resources(contact)) {
              Presence last = s.presence();
              if (s.isAvailable() && last != null) {
                sender.deliver(last.withAddresses(sender.jid(), s.jid()));
              }
            }
          }
        });
      }
    }
  }

  @Override
  public void directed(Presence presence, Session sender) {
    Jid to = presence.to();
    switch (presence.type()) {
      case AVAILABLE -> {
        if (!to.asBare().equals(sender.jid().asBare())) {
          directed.available(sender, to);
        }
        delivery.deliver(to, presence);
      }
      case UNAVAILABLE -> {
        directed.unavailable(sender, to);
        delivery.deliver(to, presence);
      }
      case ERROR -> presenceError(presence);
      case PROBE -> subscriptions.probe(sender.jid(), to.asBare());
      default -> subscriptions.outbound(presence, sender.jid().asBare());
    }
  }

  @Override
  public void inbound(Presence presence) {
    Jid to = presence.to();
    switch (presence.type()) {
      case AVAILABLE, UNAVAILABLE -> delivery.deliver(to, presence);
      case ERROR -> presenceError(presence);
      case PROBE -> {
        if (presence.from() != null) {
          subscriptions.probe(presence.from(), to.asBare());
        }
      }
      default -> {
        if (presence.from() != null) {
          subscriptions.inbound(presence);
        }
      }
    }
  }

  // §4.4.2, §4.5.2: the user's server stops sending presence to an entity that answered it with
  // an error, for as long as the user is online.
  private void presenceError(Presence error) {
    Jid to = error.to();
    // Stop first: once the user has seen the error, its next broadcast must not reach the entity.
    if (error.from() != null) {
      Contacts contacts = online.get(to.asBare());
      if (contacts != null) {
        contacts.drop(error.from().asBare());
      }
    }
    delivery.deliver(to, error);
  }

  @Override
  public void ended(Session session) {
    unavailable(new Presence(null, session.jid(), null, Presence.Type.UNAVAILABLE, null,
        List.of()), session);
  }
}
