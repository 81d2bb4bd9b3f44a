package io.parley.embedded.internal.feature.lastactivity;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.feature.roster.Rosters;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.LastActivity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * XEP-0012 last activity: the server's uptime, and for accounts the time since the user last
 * logged out with the status of that unavailable presence (§3), shown only to the user and to
 * contacts subscribed to the user's presence (§3, §7).
 *
 * <pre>{@code
 * C: <iq type='get' id='last1' to='juliet@example.com'><query xmlns='jabber:iq:last'/></iq>
 * S: <iq type='result' id='last1' from='juliet@example.com'>
 *      <query xmlns='jabber:iq:last' seconds='903'>Heading Home</query></iq>
 * }</pre>
 *
 * <p>Logouts are kept in the {@link LastActivityStore} (one entry per user), written on the
 * blocking executor when a session ends.
 */
@Singleton
final class LastActivityHandler implements IqHandler, SessionLifecycle {
  static final String NAMESPACE = "jabber:iq:last";

  private final ServerConfig config;
  private final SessionRegistry sessions;
  private final Rosters rosters;
  private final Executor blocking;
  private final Clock clock;
  private final Instant started;
  private final Logouts logouts;

  @Inject
  LastActivityHandler(ServerConfig config, SessionRegistry sessions, Rosters rosters,
      @Blocking Executor blocking, Clock clock, Logouts logouts) {
    this.config = config;
    this.logouts = logouts;
    this.sessions = sessions;
    this.rosters = rosters;
    this.blocking = blocking;
    this.clock = clock;
    // The graph builds its handlers when the server starts: uptime counts from here.
    this.started = clock.instant();
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public String element() {
    return "query";
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.SERVER, IqScope.ACCOUNT);
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    if (request.type() != Iq.Type.GET) {
      // XEP-0012 defines only get.
      return CompletableFuture.failedFuture(new StanzaErrorException(Condition.BAD_REQUEST));
    }
    if (context.scope() == IqScope.SERVER) {
      // §5: the uptime, without character data.
      return CompletableFuture.completedFuture(request.result(query(secondsSince(started), null)));
    }
    Jid user = context.target();
    Jid requester = context.sender().asBare();
    if (user.equals(requester)) {
      return activity(user).thenApply(request::result);
    }
    return CompletableFuture.supplyAsync(() -> config.credentialStore().exists(user.local()),
            blocking)
        .thenCompose(exists -> {
          if (!exists) {
            // RFC 6121 §8.5.1: an IQ to an account that does not exist.
            throw new StanzaErrorException(Condition.SERVICE_UNAVAILABLE);
          }
          return rosters.item(user, requester);
        })
        .thenCompose(item -> {
          if (!subscribed(item)) {
            // §3, §7: only those allowed to see the user's presence learn when it was online.
            throw new StanzaErrorException(Condition.FORBIDDEN);
          }
          return activity(user);
        })
        .thenApply(request::result);
  }

  /** Whether the contact receives the user's presence (subscription from or both). */
  private static boolean subscribed(Optional<RosterItem> item) {
    return item.isPresent() && item.get().subscription().hasFrom();
  }

  private CompletionStage<Element> activity(Jid user) {
    for (Session s : sessions.resources(user)) {
      if (s.isAvailable()) {
        // §3: a user with an available resource has been active 0 seconds ago.
        return CompletableFuture.completedFuture(query(0, null));
      }
    }
    return CompletableFuture.supplyAsync(() -> logouts.get(user), blocking).thenApply(logout -> {
      if (logout.isEmpty()) {
        // No logout recorded: nothing to tell (as ejabberd answers).
        throw new StanzaErrorException(Condition.SERVICE_UNAVAILABLE);
      }
      return query(secondsSince(logout.get().loggedOut()), logout.get().status());
    });
  }

  @Override
  public void ended(Session session) {
    Presence last = session.presence();
    // §3: the status of the last unavailable presence, if the client said goodbye with one.
    String status = last != null && last.type() == Presence.Type.UNAVAILABLE
        ? last.status() : null;
    Jid user = session.jid().asBare();
    logouts.record(user, new LastActivity(clock.instant(), status));
  }

  private long secondsSince(Instant then) {
    return Math.max(0, Duration.between(then, clock.instant()).getSeconds());
  }

  private static Element query(long seconds, String status) {
    Element.Builder b = Element.builder("query", NAMESPACE)
        .attribute("seconds", Long.toString(seconds));
    if (status != null && !status.isEmpty()) {
      b.text(status);
    }
    return b.build();
  }
}
