package io.parley.embedded.internal.session;

import io.parley.embedded.internal.ServerConfig;
import io.parley.spi.event.PresenceEvent;
import io.parley.spi.event.PresenceListener;
import io.parley.spi.event.SessionEvent;
import io.parley.spi.event.SessionListener;
import io.parley.spi.stanza.Presence;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells internal lifecycle listeners (inline) and the host's {@link SessionListener}s (on the
 * blocking executor, in order per session) that a session bound or ended, and the host's
 * {@link PresenceListener}s that a session's broadcast presence changed (same executor, so a
 * resource's presence events come in order and before its "ended").
 */
@Singleton
public final class SessionEvents {
  private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

  private final Set<SessionLifecycle> internal;
  private final List<SessionListener> host;
  private final List<PresenceListener> presenceListeners;
  private final Clock clock;
  // The serial executor of each bound session, kept only when the host listens to presence.
  private final ConcurrentHashMap<Session, SerialExecutor> executors = new ConcurrentHashMap<>();

  @Inject
  SessionEvents(Set<SessionLifecycle> internal, ServerConfig config, Clock clock) {
    this.internal = internal;
    this.host = config.sessionListeners();
    this.presenceListeners = config.presenceListeners();
    this.clock = clock;
  }

  /**
   * @param hostExecutor the session's serial executor on the blocking pool, so that the host
   *     hears "started" before "ended"
   */
  public void bound(Session session, SerialExecutor hostExecutor) {
    if (!presenceListeners.isEmpty()) {
      executors.put(session, hostExecutor);
    }
    for (SessionLifecycle l : internal) {
      l.bound(session);
    }
    if (!host.isEmpty()) {
      SessionEvent event = event(session);
      hostExecutor.execute(() -> {
        for (SessionListener l : host) {
          try {
            l.sessionStarted(event);
          } catch (RuntimeException e) {
            log.warn("session listener failed", e);
          }
        }
      });
    }
  }

  /** Called by the presence feature when a session sends its initial presence. */
  public void initialPresence(Session session) {
    for (SessionLifecycle l : internal) {
      l.initialPresence(session);
    }
  }

  /**
   * Called by the presence feature for every change of a session's broadcast presence (RFC 6121
   * §4.2, §4.4, §4.5), including the unavailable presence of a session that ended. Never blocks.
   */
  public void presenceChanged(Session session, Presence presence) {
    for (SessionLifecycle l : internal) {
      l.presenceChanged(session, presence);
    }
    if (presenceListeners.isEmpty()) {
      return;
    }
    SerialExecutor executor = executors.get(session);
    if (executor == null) {
      return; // not bound through a transport that reports its executor
    }
    PresenceEvent event = new PresenceEvent(session.jid(), presence.withFrom(session.jid()),
        clock.instant());
    executor.execute(() -> {
      for (PresenceListener l : presenceListeners) {
        try {
          l.presenceChanged(event);
        } catch (RuntimeException e) {
          log.warn("presence listener failed", e);
        }
      }
    });
  }

  public void ended(Session session, SerialExecutor hostExecutor) {
    for (SessionLifecycle l : internal) {
      l.ended(session);
    }
    executors.remove(session);
    if (!host.isEmpty()) {
      SessionEvent event = event(session);
      hostExecutor.execute(() -> {
        for (SessionListener l : host) {
          try {
            l.sessionEnded(event);
          } catch (RuntimeException e) {
            log.warn("session listener failed", e);
          }
        }
      });
    }
  }

  private SessionEvent event(Session session) {
    return new SessionEvent(session.jid(), session.transport(), session.remoteAddress(),
        clock.instant());
  }
}
