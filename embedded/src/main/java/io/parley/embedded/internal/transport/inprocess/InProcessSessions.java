package io.parley.embedded.internal.transport.inprocess;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.ResourceConflictPolicy;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.session.InterceptorChain;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionEvents;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.session.StanzaRouting;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Opens sessions for host code: the in-process transport. */
@Singleton
public final class InProcessSessions {
  private final ServerConfig config;
  private final SessionRegistry registry;
  private final StanzaRouting router;
  private final InterceptorChain interceptors;
  private final SessionEvents events;
  private final Executor blocking;

  @Inject
  InProcessSessions(ServerConfig config, SessionRegistry registry, StanzaRouting router,
      InterceptorChain interceptors, SessionEvents events, @Blocking Executor blocking) {
    this.config = config;
    this.registry = registry;
    this.router = router;
    this.interceptors = interceptors;
    this.events = events;
    this.blocking = blocking;
  }

  /**
   * Binds a session for {@code jid} (a bare JID gets a generated resource).
   *
   * @throws IllegalArgumentException if the JID is not of this server's domain or has no
   *     localpart
   * @throws IllegalStateException if the resource is taken and the conflict policy refuses
   */
  public InProcessSession open(Jid jid, Consumer<Stanza> receiver) {
    if (jid.local() == null || !jid.domain().equals(config.domain().domain())) {
      throw new IllegalArgumentException("not an account of " + config.domain() + ": " + jid);
    }
    Jid full = jid.isFull() ? jid
        : jid.withResource("in-process-" + Long.toString(
            ThreadLocalRandom.current().nextLong() >>> 1, 36));
    SerialExecutor serial = new SerialExecutor(blocking);
    HostSession session = new HostSession(full, receiver, serial, config.mailboxCapacity(),
        interceptors, router, registry, events);
    boolean replace = config.resourceConflict() == ResourceConflictPolicy.KICK_OLD;
    Session other = registry.bind(session, replace);
    if (other != null && !replace) {
      throw new IllegalStateException("resource in use: " + full);
    }
    if (other != null) {
      other.terminate(io.parley.embedded.internal.xml.StreamErrorCondition.CONFLICT);
    }
    events.bound(session, serial);
    return session;
  }
}
