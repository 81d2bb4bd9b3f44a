package io.parley.embedded.internal.feature.register;

import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Ends the sessions of a removed account (XEP-0077 §3.2: a {@code <not-authorized/>} stream
 * error for every active session). The account's other sessions end at once. The requesting
 * session first receives the IQ result (this built-in interceptor sees it written), then has
 * {@link #GRACE_SECONDS} to close its stream itself; a stanza it sends meanwhile, or the end of the
 * grace period, ends it with the stream error (an unavailable presence is dropped instead, as
 * clients send one before their closing tag).
 *
 * <p>COMPAT: Smack's {@code AccountManager.deleteAccount()} loses the result when a stream error
 * follows it at once, and its {@code disconnect()} then waits a whole reply timeout for our closing
 * tag; Smack closes the stream itself right after the result, so the grace period avoids both.
 */
@Singleton
final class AccountRemovals implements StanzaInterceptor, SessionLifecycle {
  static final int GRACE_SECONDS = 5;

  private record Pending(Jid session, String id) {}

  private final SessionRegistry sessions;
  private final Executor graceTimer;
  private final Map<Pending, Boolean> pending = new ConcurrentHashMap<>();
  private final Set<Jid> closing = ConcurrentHashMap.newKeySet();

  @Inject
  AccountRemovals(SessionRegistry sessions, @Blocking Executor blocking) {
    this.sessions = sessions;
    // The JDK's shared delay scheduler hands the task to our executor: no thread of our own.
    this.graceTimer = CompletableFuture.delayedExecutor(GRACE_SECONDS, TimeUnit.SECONDS, blocking);
  }

  /**
   * The account of {@code requester} is gone: ends its other sessions now, and the requester's
   * after the result of request {@code id} reached it. Call before the result is returned.
   */
  void removed(Jid requester, String id) {
    pending.put(new Pending(requester, id), Boolean.TRUE);
    for (Session s : sessions.resources(requester.asBare())) {
      if (!s.jid().equals(requester)) {
        s.terminate(StreamErrorCondition.NOT_AUTHORIZED);
      }
    }
  }

  @Override
  public Stanza outbound(Stanza stanza, Jid session) {
    if (!pending.isEmpty() && stanza instanceof Iq iq && iq.type() == Iq.Type.RESULT
        && fromServer(iq, session) && pending.remove(new Pending(session, iq.id())) != null) {
      closing.add(session);
      graceTimer.execute(() -> end(session));
    }
    return stanza;
  }

  @Override
  public Stanza inbound(Stanza stanza, Jid session) {
    if (!closing.isEmpty() && closing.contains(session)) {
      // Clients going away send unavailable presence before their closing tag: let them close.
      if (!(stanza instanceof Presence p && p.type() == Presence.Type.UNAVAILABLE)) {
        end(session); // §3.1.1 spirit: a removed account may do nothing more
      }
      return null;
    }
    return stanza;
  }

  private void end(Jid session) {
    if (closing.remove(session)) {
      Session s = sessions.find(session);
      if (s != null) {
        s.terminate(StreamErrorCondition.NOT_AUTHORIZED);
      }
    }
  }

  // The dispatcher's reply comes from nobody, the domain or the account itself, never a peer.
  private static boolean fromServer(Iq iq, Jid session) {
    return iq.from() == null || iq.from().local() == null
        || iq.from().equals(session.asBare());
  }

  @Override
  public void ended(Session session) {
    closing.remove(session.jid());
    if (!pending.isEmpty()) {
      pending.keySet().removeIf(p -> p.session().equals(session.jid()));
    }
  }
}
