package io.parley.embedded.internal.router;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.session.StanzaRouting;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.handler.IqScope;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Delivers stanzas as RFC 6120 §10 and RFC 6121 §8 prescribe: to the server, to local accounts
 * by bare JID (highest non-negative priority), to full JIDs, and answers what cannot be delivered
 * with the error the RFCs give. Runs on the sender's thread and never blocks; delivery is an
 * offer to the recipient's mailbox.
 *
 * <p>Choices where the RFCs leave one (as Prosody and ejabberd do): a message to a bare JID goes
 * to every available resource sharing the highest non-negative priority; messages to an account
 * with no available resource go to {@link UndeliverableMessages} (offline storage), or are
 * answered {@code service-unavailable} without it; a message addressed to the server itself is
 * dropped; stanzas to a {@link LocalService}'s domain go to that service, and available or
 * unavailable presence to it is tracked as directed presence first (so the service hears
 * unavailable when the session ends, §4.6.3); messages a local session sends, and messages to
 * local accounts, pass {@link MessageArchiving} once, when first routed (not again when an ended
 * session's mailbox is re-routed); stanzas to other domains are answered
 * {@code remote-server-not-found} (no federation yet). Error stanzas are never answered with
 * errors.
 */
@Singleton
public final class Router implements StanzaRouting {
  private final Jid domain;
  private final SessionRegistry sessions;
  private final IqDispatcher iqs;
  private final PresenceHandling presence;
  private final Optional<UndeliverableMessages> offline;
  private final Map<String, LocalService> services;
  private final MessageArchiving archiving; // null without the archive feature

  @Inject
  Router(ServerConfig config, SessionRegistry sessions, IqDispatcher iqs,
      PresenceHandling presence, Optional<UndeliverableMessages> offline,
      Set<LocalService> services, Optional<MessageArchiving> archiving) {
    this.archiving = archiving.orElse(null);
    this.domain = config.domain();
    this.sessions = sessions;
    this.iqs = iqs;
    this.presence = presence;
    this.offline = offline;
    this.services = services.stream()
        .collect(Collectors.toUnmodifiableMap(LocalService::domain, Function.identity()));
  }

  public Jid domain() {
    return domain;
  }

  @Override
  public void route(Stanza stanza, Session sender) {
    if (archiving != null && stanza instanceof Message m) {
      Jid target = m.to();
      boolean deliverable = target == null || target.domain().equals(domain.domain())
          || services.containsKey(target.domain());
      stanza = archiving.sent(m, sender.jid(), deliverable);
    }
    Jid to = stanza.to();
    if (to == null) {
      routeToOwnAccount(stanza, sender);
    } else if (stanza instanceof Presence p && to.local() != null
        && to.domain().equals(domain.domain())) {
      // The user's server acts on presence its clients send (RFC 6121 §3, §4.6): it needs the
      // sender's session, whichever resource (or none) the presence is addressed to.
      presence.directed(p, sender);
    } else if (stanza instanceof Presence p && services.containsKey(to.domain())
        && (p.type() == Presence.Type.AVAILABLE || p.type() == Presence.Type.UNAVAILABLE)) {
      presence.directed(p, sender); // tracked, then handed to the service through this router
    } else {
      routeTo(stanza, to);
    }
  }

  /** Routes a stanza the server generated (replies, errors, notifications). */
  public void routeFromServer(Stanza stanza) {
    if (stanza.to() != null) {
      routeTo(stanza, stanza.to());
    }
  }

  @Override
  public void undeliverable(Stanza stanza, Session endedSession) {
    // The resource is gone: handled like a stanza to an unknown full JID (RFC 6121 §8.5.3.2),
    // which moves messages to another resource or answers them with an error.
    if (stanza instanceof Message m && m.to() != null) {
      if (m.to().isBare()) {
        deliverToAccount(m, m.to());
      } else {
        deliverToUnknownResource(m);
      }
    } else if (stanza instanceof Iq iq && iq.isRequest()) {
      bounce(iq, Condition.SERVICE_UNAVAILABLE);
    }
  }

  // RFC 6120 §10.3: no 'to' means the sender's own account, handled by the server for it.
  private void routeToOwnAccount(Stanza stanza, Session sender) {
    if (stanza instanceof Presence p) {
      presence.broadcast(p, sender);
    } else if (stanza instanceof Iq iq) {
      if (iq.isRequest()) {
        iqs.dispatch(iq, IqScope.ACCOUNT, sender.jid().asBare(), domain, null,
            this::routeFromServer);
      }
    } else {
      // RFC 6121 §8.1.1: treat as addressed to the sender's bare JID.
      Jid bare = sender.jid().asBare();
      deliverToAccount(archived(((Message) stanza).withTo(bare)), bare);
    }
  }

  private void routeTo(Stanza stanza, Jid to) {
    if (!to.domain().equals(domain.domain())) {
      LocalService service = services.get(to.domain());
      if (service != null) {
        service.receive(stanza);
      } else {
        bounce(stanza, Condition.REMOTE_SERVER_NOT_FOUND);
      }
    } else if (to.local() == null) {
      routeToServer(stanza, to);
    } else {
      if (stanza instanceof Message m) {
        stanza = archived(m);
      }
      routeToLocalAccount(stanza, to);
    }
  }

  // Archived once, when first routed: undeliverable() re-routes without passing here again.
  private Message archived(Message m) {
    return archiving == null ? m : archiving.received(m);
  }

  private void routeToLocalAccount(Stanza stanza, Jid to) {
    if (to.isBare()) {
      if (stanza instanceof Presence p) {
        presence.inbound(p);
      } else if (stanza instanceof Iq iq) {
        if (iq.isRequest()) {
          iqs.dispatch(iq, IqScope.ACCOUNT, to, domain, to, this::routeFromServer);
        }
      } else {
        deliverToAccount((Message) stanza, to);
      }
    } else {
      Session target = sessions.find(to);
      if (target != null) {
        if (!target.deliver(stanza)) {
          if (stanza instanceof Iq iq && !iq.isRequest()) {
            // A response cannot be bounced, and a client must get one per request (RFC 6120
            // §8.2.3): end the overloaded session rather than let a request hang unanswered.
            target.terminate(StreamErrorCondition.RESOURCE_CONSTRAINT);
          } else {
            bounce(stanza, Condition.RESOURCE_CONSTRAINT);
          }
        }
      } else if (stanza instanceof Message m) {
        deliverToUnknownResource(m);
      } else if (stanza instanceof Iq iq) {
        if (iq.isRequest()) {
          bounce(iq, Condition.SERVICE_UNAVAILABLE);
        }
      } else {
        presence.inbound((Presence) stanza);
      }
    }
  }

  private void routeToServer(Stanza stanza, Jid to) {
    if (stanza instanceof Iq iq && iq.isRequest()) {
      if (to.isFull()) {
        bounce(iq, Condition.SERVICE_UNAVAILABLE);
      } else {
        iqs.dispatch(iq, IqScope.SERVER, domain, domain, to, this::routeFromServer);
      }
    }
    // Messages and presence to the server itself are consumed (RFC 6120 §10.3.1 leaves it open).
  }

  // RFC 6121 §8.5.3.2.1: a message to a resource that is not bound.
  private void deliverToUnknownResource(Message m) {
    switch (m.type()) {
      case NORMAL, CHAT -> deliverToAccount(m, m.to().asBare());
      case GROUPCHAT -> bounce(m, Condition.SERVICE_UNAVAILABLE);
      default -> { } // headline and error: silently ignored
    }
  }

  // RFC 6121 §8.5.2: a message to an account's bare JID.
  private void deliverToAccount(Message m, Jid bare) {
    if (m.type() == Message.Type.GROUPCHAT) {
      bounce(m, Condition.SERVICE_UNAVAILABLE);
      return;
    }
    if (m.type() == Message.Type.ERROR) {
      return;
    }
    Session[] resources = sessions.resources(bare);
    int best = Integer.MIN_VALUE;
    for (Session s : resources) {
      if (s.isAvailable() && s.priority() >= 0 && s.priority() > best) {
        best = s.priority();
      }
    }
    boolean delivered = false;
    if (best != Integer.MIN_VALUE) {
      boolean headline = m.type() == Message.Type.HEADLINE;
      for (Session s : resources) {
        // Headlines go to every non-negative resource, other types to the highest priority.
        if (s.isAvailable() && s.priority() >= 0 && (headline || s.priority() == best)) {
          delivered |= s.deliver(m);
        }
      }
    }
    if (!delivered && m.type() != Message.Type.HEADLINE) {
      if (best == Integer.MIN_VALUE && offline.isPresent()) {
        offline.get().handle(m.to().isBare() ? m : m.withTo(bare));
      } else {
        bounce(m, best == Integer.MIN_VALUE ? Condition.SERVICE_UNAVAILABLE
            : Condition.RESOURCE_CONSTRAINT);
      }
    }
  }

  /** Answers a stanza with an error, unless it is itself an error or an IQ response. */
  public void bounce(Stanza stanza, Condition condition) {
    if ("error".equals(stanza.typeName()) || stanza.from() == null
        || (stanza instanceof Iq iq && !iq.isRequest())) {
      return;
    }
    Stanza reply = stanza.errorReply(StanzaError.of(condition));
    if (reply.from() == null) {
      reply = reply.withFrom(domain);
    }
    routeFromServer(reply);
  }
}
