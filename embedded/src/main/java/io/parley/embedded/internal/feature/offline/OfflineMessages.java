package io.parley.embedded.internal.feature.offline;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.router.Router;
import io.parley.embedded.internal.router.UndeliverableMessages;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.OfflineStore;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores messages for accounts with no available resource and delivers them at the next
 * non-negative initial presence (XEP-0160 §2), stamped with XEP-0203 delayed delivery.
 *
 * <pre>{@code
 * <message from='romeo@example.com/orchard' to='juliet@example.com' type='chat'>
 *   <body>O blessed night!</body>
 *   <delay xmlns='urn:xmpp:delay' from='example.com' stamp='2026-11-25T23:08:25Z'>Offline Storage</delay>
 * </message>
 * }</pre>
 *
 * <p>Store calls run on the blocking executor, in lanes: each user's work runs in one serial lane
 * (users share 64 of them), so a sender's messages are stored in the order they were sent and a
 * flush never interleaves with another flush or store of the same user.
 */
@Singleton
final class OfflineMessages implements UndeliverableMessages, SessionLifecycle {
  private static final Logger log = LoggerFactory.getLogger(OfflineMessages.class);
  private static final String DELAY_REASON = "Offline Storage";

  private final ServerConfig config;
  private final OfflineStore store;
  private final Provider<Router> router; // a Provider: the router holds this object
  private final SessionRegistry sessions;
  private final Clock clock;
  private final SerialExecutor[] lanes = new SerialExecutor[64];

  @Inject
  OfflineMessages(ServerConfig config, OfflineStore store, @Blocking Executor blocking,
      Provider<Router> router, SessionRegistry sessions, Clock clock) {
    this.config = config;
    this.store = store;
    this.router = router;
    this.sessions = sessions;
    this.clock = clock;
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new SerialExecutor(blocking);
    }
  }

  @Override
  public void handle(Message message) {
    switch (OfflinePolicy.of(message)) {
      case DROP -> log.debug("not storing content-free message {} offline", message.id());
      case REFUSE -> router.get().bounce(message, Condition.SERVICE_UNAVAILABLE);
      case STORE -> {
        Message stamped = stamp(message);
        lane(message.to()).execute(() -> storeNow(message, stamped));
      }
    }
  }

  @Override
  public void initialPresence(Session session) {
    // XEP-0160 §2: only a resource that sends non-negative presence receives the stored messages.
    if (session.priority() < 0) {
      return;
    }
    lane(session.jid()).execute(() -> flush(session.jid().asBare(), session));
  }

  // Runs in the user's lane.
  private void storeNow(Message original, Message stamped) {
    Jid user = original.to().asBare();
    boolean stored;
    try {
      // RFC 6121 §8.5.2.2.1: only an existing account has offline storage.
      stored = config.credentialStore().exists(user.local())
          && store.store(user, stamped, config.maxOfflineMessages());
    } catch (RuntimeException e) {
      log.warn("could not store an offline message for {}", user, e);
      stored = false;
    }
    if (!stored) {
      // XEP-0160 §2 step 3: a full queue (or no account) is service-unavailable to the sender.
      router.get().bounce(original, Condition.SERVICE_UNAVAILABLE);
      return;
    }
    // The user may have sent initial presence while this message was on its way to the store,
    // after that presence's flush ran: deliver it now rather than at the next login.
    Session online = bestAvailable(user);
    if (online != null) {
      flush(user, online);
    }
  }

  private Session bestAvailable(Jid user) {
    Session best = null;
    for (Session s : sessions.resources(user)) {
      if (s.isAvailable() && s.priority() >= 0 && (best == null || s.priority() > best.priority())) {
        best = s;
      }
    }
    return best;
  }

  private SerialExecutor lane(Jid user) {
    return lanes[Math.floorMod(user.asBare().hashCode(), lanes.length)];
  }

  // Runs in the user's lane.
  private void flush(Jid user, Session session) {
    List<Message> messages;
    try {
      messages = store.takeAll(user);
    } catch (RuntimeException e) {
      log.warn("could not read the offline messages of {}", user, e);
      return;
    }
    for (int i = 0; i < messages.size(); i++) {
      if (!session.deliver(messages.get(i))) {
        putBack(user, messages.subList(i, messages.size()));
        return;
      }
    }
  }

  // The session's mailbox is full or it ended meanwhile: keep the rest for the next presence.
  private void putBack(Jid user, List<Message> rest) {
    log.debug("{} offline messages of {} could not be delivered; storing them again", rest.size(),
        user);
    for (Message m : rest) {
      boolean kept;
      try {
        // Beyond the limit on purpose: these were accepted already and must not be lost.
        kept = store.store(user, m, Integer.MAX_VALUE);
      } catch (RuntimeException e) {
        log.warn("could not store an offline message again for {}", user, e);
        kept = false;
      }
      if (!kept) {
        router.get().bounce(m, Condition.SERVICE_UNAVAILABLE);
      }
    }
  }

  /** The message with a XEP-0203 delay element saying when and where it was stored. */
  private Message stamp(Message message) {
    String stamp = DateTimeFormatter.ISO_INSTANT.format(
        clock.instant().truncatedTo(ChronoUnit.MILLIS));
    List<Element> children = new ArrayList<>(message.children());
    children.add(Element.builder("delay", Offline.DELAY)
        .attribute("from", config.domain().toString())
        .attribute("stamp", stamp)
        .text(DELAY_REASON)
        .build());
    return new Message(message.to(), message.from(), message.id(), message.type(),
        message.lang(), children);
  }
}
