package io.parley.embedded.internal.feature.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.testing.RecordingSession;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.storage.memory.InMemoryRosterStore;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.embedded.testing.XmlOutput;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 6121 §2 at the handler: every error case of §2.3.3 and §2.5.3, versioning (§2.6), pushes
 * and the host's items, with the blocking work run inline so every call completes at once.
 */
class RosterHandlerTest {
  static final Jid JULIET = Jid.of("juliet@example.test");
  static final Jid BALCONY = Jid.of("juliet@example.test/balcony");
  static final Jid CHAMBER = Jid.of("juliet@example.test/chamber");
  static final Jid ROMEO = Jid.of("romeo@example.test");
  static final Jid NURSE = Jid.of("nurse@example.test");
  static final Jid TYBALT = Jid.of("tybalt@example.test");

  @TempDir Path dataDir;
  private Parley parley;
  private final InMemoryRosterStore store = new InMemoryRosterStore();
  private volatile List<RosterItem> hostItems = List.of();
  private final AtomicInteger providerCalls = new AtomicInteger();
  private final SessionRegistry registry = new SessionRegistry();
  private final RosterPushes pushes = new RosterPushes(registry);
  private final List<Presence> sentPresence = new CopyOnWriteArrayList<>();
  private RosterService service;
  private RosterHandler handler;

  @BeforeEach
  void setUp() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage().blockingExecutor(Runnable::run).maxRosterItems(3)
        .rosterStore(store)
        .rosterProvider(user -> {
          providerCalls.incrementAndGet();
          return user.equals(JULIET) ? hostItems : List.of();
        })
        .build();
    service = new RosterService(store, ParleyTestAccess.config(parley), Runnable::run, pushes,
        Set.of());
    handler = new RosterHandler(service, registry, p -> {
      sentPresence.add(p);
      return CompletableFuture.completedFuture(null);
    });
  }

  @AfterEach
  void tearDown() {
    parley.close();
  }

  // --- helpers ---

  private record Context(Jid sender, Jid target) implements IqContext {
    @Override
    public IqScope scope() {
      return IqScope.ACCOUNT;
    }

    @Override
    public Jid domain() {
      return Jid.domain("example.test");
    }
  }

  /** A bound resource that records what it is sent. */

  private RecordingSession bind(Jid full) {
    RecordingSession s = new RecordingSession(full);
    registry.bind(s, true);
    return s;
  }

  private static Element query(String itemsXml) {
    return XmlOutput.element("<query xmlns='jabber:iq:roster'>" + itemsXml + "</query>");
  }

  private Iq call(Iq.Type type, Element query, Jid sender, Jid to) {
    Iq request = new Iq(to, sender, "r1", type, null, List.of(query));
    try {
      return handler.handle(request, new Context(sender, to == null ? sender.asBare() : to))
          .toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StanzaErrorException se) {
        return request.errorReply(se.error());
      }
      throw e;
    }
  }

  private Iq set(String itemXml) {
    return call(Iq.Type.SET, query(itemXml), BALCONY, null);
  }

  private Iq get(String ver) {
    Element q = Element.builder("query", RosterQuery.NAMESPACE).attribute("ver", ver).build();
    return call(Iq.Type.GET, q, BALCONY, null);
  }

  private static Condition condition(Iq reply) {
    assertEquals(Iq.Type.ERROR, reply.type(), reply.toString());
    return reply.error().condition();
  }

  private static RosterItem item(Jid jid, Subscription sub, String... groups) {
    return new RosterItem(jid, null, sub, false, false, Set.of(groups));
  }

  // --- roster get and versioning ---

  @Test
  void getReturnsOwnItemsAndHostItemsWithTheHostItemWinning() {
    store.put(JULIET, RosterItem.of(ROMEO, "Mine", Set.of("Friends")));
    store.put(JULIET, RosterItem.of(NURSE, "Nurse", Set.of("Servants")));
    hostItems = List.of(new RosterItem(ROMEO, "Romeo", Subscription.BOTH, true, true,
        Set.of("Team")));
    Iq result = get(null);
    assertEquals(Iq.Type.RESULT, result.type(), result.toString());
    Element q = result.payload();
    assertNotNull(q.attribute("ver"));
    assertEquals(Set.copyOf(XmlOutput.elements(
        "<item xmlns='jabber:iq:roster' jid='romeo@example.test' name='Romeo'"
            + " subscription='both' approved='true'><group>Team</group></item>"
            + "<item xmlns='jabber:iq:roster' jid='nurse@example.test' name='Nurse'"
            + " subscription='none'><group>Servants</group></item>")),
        Set.copyOf(q.elements()));
  }

  @Test
  void getWithTheCurrentVersionIsAnsweredWithAnEmptyResult() {
    store.put(JULIET, RosterItem.of(ROMEO, "Romeo", Set.of()));
    String ver = get("").payload().attribute("ver");
    Iq again = get(ver);
    assertEquals(Iq.Type.RESULT, again.type());
    assertTrue(again.children().isEmpty(), again.toString());
  }

  @Test
  void getWithAStaleVersionReturnsTheWholeRoster() {
    store.put(JULIET, RosterItem.of(ROMEO, "Romeo", Set.of()));
    String old = get("").payload().attribute("ver");
    store.put(JULIET, RosterItem.of(NURSE, "Nurse", Set.of()));
    Element q = get(old).payload();
    assertFalse(old.equals(q.attribute("ver")));
    assertEquals(2, q.elements().size());
  }

  @Test
  void aHostChangeChangesTheVersion() {
    String before = get("").payload().attribute("ver");
    hostItems = List.of(item(TYBALT, Subscription.BOTH));
    Element q = get(before).payload();
    assertNotNull(q, "a changed host roster is not the cached one");
    assertEquals(1, q.elements().size());
  }

  @Test
  void aFailingProviderLeavesTheUsersOwnItems() {
    service = new RosterService(store, ParleyTestAccess.config(Parley.builder()
        .domain("example.test").dataDirectory(dataDir).inMemoryStorage().rosterProvider(u -> {
          throw new IllegalStateException("host down");
        }).build()), Runnable::run, pushes, Set.of());
    store.put(JULIET, RosterItem.of(ROMEO, "Romeo", Set.of()));
    assertEquals(List.of(RosterItem.of(ROMEO, "Romeo", Set.of())),
        service.roster(JULIET).toCompletableFuture().join());
  }

  // --- §2.1.5, §2.3.3: forbidden ---

  @Test
  void getForAnotherAccountIsForbidden() {
    Iq reply = call(Iq.Type.GET, query(""), BALCONY, ROMEO);
    assertEquals(Condition.FORBIDDEN, condition(reply));
  }

  @Test
  void setForAnotherAccountIsForbidden() {
    Iq reply = call(Iq.Type.SET, query("<item jid='nurse@example.test'/>"), BALCONY, ROMEO);
    assertEquals(Condition.FORBIDDEN, condition(reply));
    assertTrue(store.items(ROMEO).isEmpty());
  }

  @Test
  void requestToTheOwnBareJidIsAnswered() {
    Iq reply = call(Iq.Type.GET, query(""), BALCONY, JULIET);
    assertEquals(Iq.Type.RESULT, reply.type());
  }

  // --- §2.3.3: bad-request ---

  @Test
  void setWithTwoItemsIsBadRequest() {
    assertEquals(Condition.BAD_REQUEST, condition(set(
        "<item jid='nurse@example.test'/><item jid='romeo@example.test'/>")));
    assertTrue(store.items(JULIET).isEmpty());
  }

  @Test
  void setWithoutItemIsBadRequest() {
    assertEquals(Condition.BAD_REQUEST, condition(set("")));
  }

  @Test
  void duplicateGroupsAreBadRequest() {
    assertEquals(Condition.BAD_REQUEST, condition(set(
        "<item jid='nurse@example.test'><group>Servants</group><group>Servants</group></item>")));
    assertTrue(store.items(JULIET).isEmpty());
  }

  @Test
  void itemWithoutJidIsBadRequest() {
    assertEquals(Condition.BAD_REQUEST, condition(set("<item name='Nobody'/>")));
  }

  @Test
  void fullJidItemIsBadRequest() {
    assertEquals(Condition.BAD_REQUEST, condition(set("<item jid='nurse@example.test/bed'/>")));
  }

  @Test
  void malformedJidIsJidMalformed() {
    assertEquals(Condition.JID_MALFORMED, condition(set("<item jid='@example.test'/>")));
  }

  // --- §2.3.3: not-acceptable ---

  @Test
  void tooLongNameIsNotAcceptable() {
    String name = "n".repeat(RosterHandler.MAX_NAME_LENGTH + 1);
    assertEquals(Condition.NOT_ACCEPTABLE,
        condition(set("<item jid='nurse@example.test' name='" + name + "'/>")));
    assertEquals(Iq.Type.RESULT, set("<item jid='nurse@example.test' name='"
        + "n".repeat(RosterHandler.MAX_NAME_LENGTH) + "'/>").type());
  }

  @Test
  void emptyGroupIsNotAcceptable() {
    assertEquals(Condition.NOT_ACCEPTABLE,
        condition(set("<item jid='nurse@example.test'><group></group></item>")));
  }

  @Test
  void tooLongGroupIsNotAcceptable() {
    String group = "g".repeat(RosterHandler.MAX_GROUP_LENGTH + 1);
    assertEquals(Condition.NOT_ACCEPTABLE,
        condition(set("<item jid='nurse@example.test'><group>" + group + "</group></item>")));
  }

  // --- not-allowed (choices) ---

  @Test
  void theAccountItselfIsNotAllowed() {
    assertEquals(Condition.NOT_ALLOWED, condition(set("<item jid='juliet@example.test'/>")));
  }

  @Test
  void addingToAFullRosterIsNotAllowedButUpdatingIsFine() {
    for (String who : List.of("a", "b", "c")) {
      assertEquals(Iq.Type.RESULT, set("<item jid='" + who + "@example.test'/>").type());
    }
    Iq reply = set("<item jid='d@example.test'/>");
    assertEquals(Condition.NOT_ALLOWED, condition(reply));
    assertEquals(Condition.NOT_ALLOWED.defaultType(), reply.error().type());
    assertEquals(Iq.Type.RESULT, set("<item jid='a@example.test' name='A'/>").type());
    assertEquals(3, store.items(JULIET).size());
  }

  @Test
  void hostItemsCountNoTowardsTheLimit() {
    hostItems = List.of(item(Jid.of("h1@example.test"), Subscription.BOTH),
        item(Jid.of("h2@example.test"), Subscription.BOTH),
        item(Jid.of("h3@example.test"), Subscription.BOTH));
    assertEquals(Iq.Type.RESULT, set("<item jid='nurse@example.test'/>").type());
  }

  @Test
  void changingAHostItemIsNotAllowed() {
    hostItems = List.of(item(TYBALT, Subscription.BOTH));
    assertEquals(Condition.NOT_ALLOWED,
        condition(set("<item jid='tybalt@example.test' name='Cat'/>")));
    assertTrue(store.items(JULIET).isEmpty());
  }

  @Test
  void removingAHostItemIsNotAllowed() {
    hostItems = List.of(item(TYBALT, Subscription.BOTH));
    assertEquals(Condition.NOT_ALLOWED,
        condition(set("<item jid='tybalt@example.test' subscription='remove'/>")));
  }

  // --- §2.5.3 ---

  @Test
  void removingAnUnknownItemIsItemNotFound() {
    assertEquals(Condition.ITEM_NOT_FOUND,
        condition(set("<item jid='nurse@example.test' subscription='remove'/>")));
  }

  // --- §2.3, §2.4, §2.5 success ---

  @Test
  void setIgnoresSubscriptionAskAndApproved() {
    assertEquals(Iq.Type.RESULT, set("<item jid='nurse@example.test' subscription='both'"
        + " ask='subscribe' approved='true' name='Nurse'><group>Servants</group></item>").type());
    assertEquals(Optional.of(RosterItem.of(NURSE, "Nurse", Set.of("Servants"))),
        store.item(JULIET, NURSE));
  }

  @Test
  void updateKeepsTheSubscriptionAndReplacesNameAndGroups() {
    store.put(JULIET, new RosterItem(ROMEO, "R", Subscription.TO, true, true, Set.of("Old")));
    assertEquals(Iq.Type.RESULT,
        set("<item jid='romeo@example.test' name='Romeo' subscription='none'/>").type());
    assertEquals(Optional.of(new RosterItem(ROMEO, "Romeo", Subscription.TO, true, true,
        Set.of())), store.item(JULIET, ROMEO));
  }

  @Test
  void setPushesToEveryInterestedResourceOnly() {
    RecordingSession balcony = bind(BALCONY);
    RecordingSession chamber = bind(CHAMBER);
    RecordingSession silent = bind(Jid.of("juliet@example.test/silent"));
    service.get(JULIET, balcony, null).toCompletableFuture().join();
    service.get(JULIET, chamber, null).toCompletableFuture().join();
    assertEquals(Iq.Type.RESULT,
        set("<item jid='nurse@example.test' name='Nurse'><group>Servants</group></item>").type());
    String ver = store.version(JULIET);
    for (RecordingSession s : List.of(balcony, chamber)) {
      Iq push = s.iqs().get(0);
      assertEquals(Iq.Type.SET, push.type());
      assertEquals(s.jid(), push.to());
      assertNull(push.from(), "clients accept pushes only from their bare JID or none");
      assertNotNull(push.id());
      assertEquals(XmlOutput.element("<query xmlns='jabber:iq:roster' ver='" + ver + "'>"
          + "<item jid='nurse@example.test' name='Nurse' subscription='none'>"
          + "<group>Servants</group></item></query>"), push.payload());
    }
    assertTrue(silent.received.isEmpty());
  }

  @Test
  void removePushesSubscriptionRemoveAndCancelsBothSubscriptions() {
    RecordingSession balcony = bind(BALCONY);
    service.get(JULIET, balcony, null).toCompletableFuture().join();
    store.put(JULIET, item(ROMEO, Subscription.BOTH));
    assertEquals(Iq.Type.RESULT,
        set("<item jid='romeo@example.test' subscription='remove'/>").type());
    assertTrue(store.item(JULIET, ROMEO).isEmpty());
    assertEquals(XmlOutput.element("<query xmlns='jabber:iq:roster' ver='"
        + store.version(JULIET) + "'><item jid='romeo@example.test' subscription='remove'/>"
        + "</query>"), balcony.iqs().get(0).payload());
    assertEquals(List.of(
        new Presence(ROMEO, JULIET, null, Presence.Type.UNSUBSCRIBE, null, List.of()),
        new Presence(ROMEO, JULIET, null, Presence.Type.UNSUBSCRIBED, null, List.of())),
        sentPresence);
  }

  @Test
  void removeSendsOnlyTheCancellationsThatApply() {
    store.put(JULIET, item(ROMEO, Subscription.FROM));
    store.put(JULIET, new RosterItem(NURSE, null, Subscription.NONE, true, false, Set.of()));
    store.put(JULIET, item(TYBALT, Subscription.NONE));
    set("<item jid='romeo@example.test' subscription='remove'/>");
    set("<item jid='nurse@example.test' subscription='remove'/>");
    set("<item jid='tybalt@example.test' subscription='remove'/>");
    assertEquals(List.of(
        new Presence(ROMEO, JULIET, null, Presence.Type.UNSUBSCRIBED, null, List.of()),
        new Presence(NURSE, JULIET, null, Presence.Type.UNSUBSCRIBE, null, List.of())),
        sentPresence);
  }

  // --- the Rosters contract other features use ---

  @Test
  void updateWritesThroughAndPushesOnlyRealChanges() {
    RecordingSession balcony = bind(BALCONY);
    service.get(JULIET, balcony, null).toCompletableFuture().join();
    Optional<RosterItem> added = service.update(JULIET, ROMEO,
        current -> RosterItem.of(ROMEO, null, Set.of()).withAsk(true))
        .toCompletableFuture().join();
    assertTrue(added.get().askSubscribe());
    assertEquals(added, store.item(JULIET, ROMEO));
    assertEquals("subscribe", balcony.iqs().get(0).payload().elements().get(0)
        .attribute("ask"));
    service.update(JULIET, ROMEO, current -> current).toCompletableFuture().join();
    assertEquals(1, balcony.iqs().size(), "no change, no push");
    service.update(JULIET, ROMEO, current -> null).toCompletableFuture().join();
    assertTrue(store.item(JULIET, ROMEO).isEmpty());
    assertEquals("remove", balcony.iqs().get(1).payload().elements().get(0)
        .attribute("subscription"));
  }

  @Test
  void updateLeavesHostItemsAlone() {
    hostItems = List.of(item(TYBALT, Subscription.BOTH));
    Optional<RosterItem> result = service.update(JULIET, TYBALT, current -> {
      throw new AssertionError("not called for host items");
    }).toCompletableFuture().join();
    assertEquals(Optional.of(item(TYBALT, Subscription.BOTH)), result);
    assertTrue(store.items(JULIET).isEmpty());
  }

  @Test
  void updateRefusesToGrowAFullRoster() {
    for (String who : List.of("a", "b", "c")) {
      store.put(JULIET, RosterItem.of(Jid.of(who + "@example.test"), null, Set.of()));
    }
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(
        CompletionException.class, () -> service.update(JULIET, ROMEO,
            current -> RosterItem.of(ROMEO, null, Set.of())).toCompletableFuture().join());
    assertEquals(Condition.NOT_ALLOWED,
        ((StanzaErrorException) e.getCause()).error().condition());
  }

  @Test
  void itemPrefersTheHostItem() {
    store.put(JULIET, RosterItem.of(TYBALT, "mine", Set.of()));
    hostItems = List.of(item(TYBALT, Subscription.BOTH));
    assertEquals(Optional.of(item(TYBALT, Subscription.BOTH)),
        service.item(JULIET, TYBALT).toCompletableFuture().join());
    assertEquals(Optional.empty(), service.item(JULIET, NURSE).toCompletableFuture().join());
  }

  // --- interested resources ---

  @Test
  void anEndedSessionIsNoLongerInterested() {
    RecordingSession balcony = bind(BALCONY);
    service.get(JULIET, balcony, null).toCompletableFuture().join();
    assertNotNull(pushes.interest(JULIET));
    registry.unbind(balcony);
    pushes.ended(balcony);
    assertNull(pushes.interest(JULIET));
  }

  @Test
  void aSessionThatEndedDuringItsRosterGetIsNotKept() {
    RecordingSession gone = new RecordingSession(BALCONY); // never bound, or already unbound
    service.get(JULIET, gone, null).toCompletableFuture().join();
    assertNull(pushes.interest(JULIET));
  }

  // --- host items (RosterProvider + Parley.rosterChanged) ---

  @Test
  void hostChangesArePushedAsDifferences() {
    store.put(JULIET, RosterItem.of(ROMEO, "Mine", Set.of()));
    hostItems = List.of(item(ROMEO, Subscription.BOTH, "Team"), item(TYBALT, Subscription.BOTH),
        item(NURSE, Subscription.BOTH));
    RecordingSession balcony = bind(BALCONY);
    service.get(JULIET, balcony, null).toCompletableFuture().join();

    // Tybalt unchanged, Nurse renamed, Romeo gone from the host (Juliet's own item shows
    // again), Mercutio new.
    Jid mercutio = Jid.of("mercutio@example.test");
    hostItems = List.of(item(TYBALT, Subscription.BOTH),
        new RosterItem(NURSE, "Nanny", Subscription.BOTH, false, false, Set.of()),
        item(mercutio, Subscription.FROM));
    service.hostItemsChanged(JULIET).toCompletableFuture().join();
    List<Element> pushed = balcony.iqs().stream().map(p -> p.payload().elements().get(0))
        .toList();
    assertEquals(Set.of(
        RosterQuery.item(new RosterItem(NURSE, "Nanny", Subscription.BOTH, false, false,
            Set.of())),
        RosterQuery.item(item(mercutio, Subscription.FROM)),
        RosterQuery.item(RosterItem.of(ROMEO, "Mine", Set.of()))), Set.copyOf(pushed));
    assertEquals(3, pushed.size());
    String ver = balcony.iqs().get(0).payload().attribute("ver");
    assertEquals(ver, get("").payload().attribute("ver"), "pushes carry the new version");

    hostItems = List.of(item(TYBALT, Subscription.BOTH));
    service.hostItemsChanged(JULIET).toCompletableFuture().join();
    List<Element> removals = balcony.iqs().subList(3, balcony.iqs().size()).stream()
        .map(p -> p.payload().elements().get(0)).toList();
    assertEquals(Set.of(RosterQuery.removed(NURSE), RosterQuery.removed(mercutio)),
        Set.copyOf(removals));
  }

  @Test
  void aPushVersionNeverClaimsHostItemsTheResourceWasNotTold() {
    RecordingSession balcony = bind(BALCONY);
    service.get(JULIET, balcony, null).toCompletableFuture().join();
    hostItems = List.of(item(TYBALT, Subscription.BOTH)); // not announced with rosterChanged
    set("<item jid='nurse@example.test'/>");
    String pushed = balcony.iqs().get(0).payload().attribute("ver");
    Element q = get(pushed).payload();
    assertNotNull(q, "the next get with the pushed version brings the host item");
    assertEquals(2, q.elements().size());
  }

  @Test
  void hostItemsNeverCarryAsk() {
    hostItems = List.of(new RosterItem(TYBALT, null, Subscription.NONE, true, false, Set.of()));
    Element item = get(null).payload().elements().get(0);
    assertNull(item.attribute("ask"));
  }

  @Test
  void aHostChangeWithoutInterestedResourcesReadsNothing() {
    int before = providerCalls.get();
    service.hostItemsChanged(JULIET).toCompletableFuture().join();
    assertEquals(before, providerCalls.get());
  }
}
