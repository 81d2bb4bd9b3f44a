package io.parley.embedded.internal.session;

import io.parley.embedded.internal.ServerConfig;
import io.parley.spi.event.SessionEvent;
import io.parley.spi.event.SessionListener;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells internal lifecycle listeners (inline) and the host's {@link SessionListener}s (on the
 * blocking executor, in order per session) that a session bound or ended.
 */
@Singleton
public final class SessionEvents {
  private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

  private final Set<SessionLifecycle> internal;
  private final List<SessionListener> host;
  private final Clock clock;

  @Inject
  SessionEvents(Set<SessionLifecycle> internal, ServerConfig config, Clock clock) {
    this.internal = internal;
    this.host = config.sessionListeners();
    this.clock = clock;
  }

  /**
   * @param hostExecutor the session's serial executor on the blocking pool, so that the host
   *     hears "started" before "ended"
   */
  public void bound(Session session, SerialExecutor hostExecutor) {
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

  public void ended(Session session, SerialExecutor hostExecutor) {
    for (SessionLifecycle l : internal) {
      l.ended(session);
    }
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
