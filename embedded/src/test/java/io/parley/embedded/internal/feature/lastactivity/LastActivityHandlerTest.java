package io.parley.embedded.internal.feature.lastactivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.internal.storage.memory.InMemoryLastActivityStore;
import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.embedded.testing.RecordingSession;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.internal.feature.roster.Rosters;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError.Condition;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0012 rules and errors, on the handler with a settable clock and fake rosters. */
class LastActivityHandlerTest {
  private static final String NS = "jabber:iq:last";
  private static final Jid DOMAIN = Jid.of("example.test");
  private static final Jid JULIET = Jid.of("juliet@example.test");
  private static final Jid ROMEO = Jid.of("romeo@example.test");

  @TempDir Path dataDir;
  private Parley parley;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final SessionRegistry sessions = new SessionRegistry();
  private final FakeRosters rosters = new FakeRosters();
  private LastActivityHandler handler;

  @BeforeEach
  void start() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage()
        .credentials(new InMemoryCredentialStore().addUser("juliet", "pw").addUser("romeo", "pw"))
        .build().start();
    handler = new LastActivityHandler(ParleyTestAccess.config(parley), sessions, rosters,
        Runnable::run, clock, new Logouts(new InMemoryLastActivityStore(), Runnable::run));
  }

  @AfterEach
  void close() {
    parley.close();
  }

  private record Context(Jid sender, Jid target, IqScope scope, Jid domain)
      implements IqContext {}

  private Element ask(Jid from, Jid target, IqScope scope) {
    Iq request = new Iq(target, from, "l1", Iq.Type.GET, null,
        List.of(Element.of("query", NS)));
    return handler.handle(request, new Context(from, target, scope, DOMAIN))
        .toCompletableFuture().join().payload();
  }

  private Condition error(Jid from, Jid target, IqScope scope, Iq.Type type) {
    Iq request = new Iq(target, from, "l1", type, null, List.of(Element.of("query", NS)));
    try {
      handler.handle(request, new Context(from, target, scope, DOMAIN)).toCompletableFuture()
          .join();
    } catch (CompletionException e) {
      return ((StanzaErrorException) e.getCause()).error().condition();
    } catch (StanzaErrorException e) {
      return e.error().condition();
    }
    throw new AssertionError("no error");
  }

  private static RecordingSession session(String jid, Presence presence) {
    RecordingSession s = new RecordingSession(Jid.of(jid));
    s.presence(presence);
    return s;
  }

  private static Presence available() {
    return new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of());
  }

  private static Presence unavailable(String status) {
    return new Presence(null, null, null, Presence.Type.UNAVAILABLE, null, List.of(
        Element.builder("status", Stanza.CLIENT_NAMESPACE).text(status).build()));
  }

  @Test
  void serverAnswersItsUptimeWithoutText() {
    clock.advance(Duration.ofSeconds(123_456));
    Element query = ask(ROMEO.withResource("orchard"), DOMAIN, IqScope.SERVER);
    assertEquals("123456", query.attribute("seconds"));
    assertTrue(query.children().isEmpty());
  }

  @Test
  void availableUserHasZeroSeconds() {
    rosters.put(JULIET, ROMEO, Subscription.FROM);
    sessions.bind(session("juliet@example.test/balcony", available()), false);
    clock.advance(Duration.ofMinutes(5));
    Element query = ask(ROMEO.withResource("orchard"), JULIET, IqScope.ACCOUNT);
    assertEquals("0", query.attribute("seconds"));
    assertTrue(query.children().isEmpty());
  }

  @Test
  void offlineUserHasSecondsSinceLogoutAndTheUnavailableStatus() {
    rosters.put(JULIET, ROMEO, Subscription.BOTH);
    handler.ended(session("juliet@example.test/balcony", unavailable("Heading Home")));
    clock.advance(Duration.ofSeconds(903));
    Element query = ask(ROMEO.withResource("orchard"), JULIET, IqScope.ACCOUNT);
    assertEquals("903", query.attribute("seconds"));
    assertEquals("Heading Home", query.text());
  }

  @Test
  void droppedConnectionHasNoStatus() {
    handler.ended(session("juliet@example.test/balcony", available()));
    clock.advance(Duration.ofSeconds(7));
    Element query = ask(JULIET.withResource("phone"), JULIET, IqScope.ACCOUNT);
    assertEquals("7", query.attribute("seconds"));
    assertTrue(query.children().isEmpty());
  }

  @Test
  void theUserMayAlwaysAskAboutTheirOwnAccount() {
    sessions.bind(session("juliet@example.test/balcony", available()), false);
    assertEquals("0", ask(JULIET.withResource("balcony"), JULIET, IqScope.ACCOUNT)
        .attribute("seconds"));
  }

  @Test
  void requesterWithoutRosterItemIsForbidden() {
    handler.ended(session("juliet@example.test/balcony", available()));
    assertEquals(Condition.FORBIDDEN,
        error(ROMEO.withResource("orchard"), JULIET, IqScope.ACCOUNT, Iq.Type.GET));
  }

  @Test
  void requesterNotSubscribedToThePresenceIsForbidden() {
    handler.ended(session("juliet@example.test/balcony", available()));
    for (Subscription s : List.of(Subscription.NONE, Subscription.TO)) {
      rosters.put(JULIET, ROMEO, s);
      assertEquals(Condition.FORBIDDEN,
          error(ROMEO.withResource("orchard"), JULIET, IqScope.ACCOUNT, Iq.Type.GET), s.name());
    }
  }

  @Test
  void unknownAccountIsServiceUnavailable() {
    assertEquals(Condition.SERVICE_UNAVAILABLE, error(ROMEO.withResource("orchard"),
        Jid.of("nobody@example.test"), IqScope.ACCOUNT, Iq.Type.GET));
  }

  @Test
  void userWithNoLogoutRecordedIsServiceUnavailable() {
    rosters.put(JULIET, ROMEO, Subscription.FROM);
    assertEquals(Condition.SERVICE_UNAVAILABLE,
        error(ROMEO.withResource("orchard"), JULIET, IqScope.ACCOUNT, Iq.Type.GET));
  }

  @Test
  void setIsBadRequest() {
    assertEquals(Condition.BAD_REQUEST,
        error(ROMEO.withResource("orchard"), DOMAIN, IqScope.SERVER, Iq.Type.SET));
    assertEquals(Condition.BAD_REQUEST,
        error(JULIET.withResource("balcony"), JULIET, IqScope.ACCOUNT, Iq.Type.SET));
  }

  @Test
  void throughTheServerUptimeIsAnsweredAndStrangersAreForbidden() throws Exception {
    BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();
    InProcessSession romeo = parley.openSession(ROMEO.withResource("orchard"), inbox::add);
    romeo.send(Iq.get(DOMAIN, "up", Element.of("query", NS)));
    Iq uptime = (Iq) inbox.poll(5, TimeUnit.SECONDS);
    assertEquals(Iq.Type.RESULT, uptime.type(), uptime.toString());
    assertTrue(Long.parseLong(uptime.payload().attribute("seconds")) >= 0);
    // The placeholder rosters have no items: nobody is subscribed to juliet's presence.
    romeo.send(Iq.get(JULIET, "j", Element.of("query", NS)));
    assertEquals(Condition.FORBIDDEN, inbox.poll(5, TimeUnit.SECONDS).error().condition());
    romeo.send(Iq.get(DOMAIN, "d", Element.of("query", "http://jabber.org/protocol/disco#info")));
    List<String> features = ((Iq) inbox.poll(5, TimeUnit.SECONDS)).payload().elements().stream()
        .filter(e -> e.name().equals("feature")).map(e -> e.attribute("var")).toList();
    assertTrue(features.contains(NS), features.toString());
  }

  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static final class FakeRosters implements Rosters {
    private final Map<List<Jid>, RosterItem> items = new ConcurrentHashMap<>();

    void put(Jid user, Jid contact, Subscription subscription) {
      items.put(List.of(user, contact),
          RosterItem.of(contact, null, Set.of()).withSubscription(subscription));
    }

    @Override
    public CompletionStage<List<RosterItem>> roster(Jid user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Optional<RosterItem>> item(Jid user, Jid contact) {
      return CompletableFuture.completedFuture(
          Optional.ofNullable(items.get(List.of(user, contact))));
    }

    @Override
    public CompletionStage<Optional<RosterItem>> update(Jid user, Jid contact,
        UnaryOperator<RosterItem> change) {
      throw new UnsupportedOperationException();
    }
  }
}
