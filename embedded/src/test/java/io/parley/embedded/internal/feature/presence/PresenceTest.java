package io.parley.embedded.internal.feature.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.spi.event.PresenceEvent;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 6121 §3 and §4 through in-process sessions and the real server graph. */
class PresenceTest {
  private static final String ROMEO = "romeo@example.test";
  private static final String JULIET = "juliet@example.test";
  private static final String NURSE = "nurse@example.test";

  @TempDir Path dataDir;
  private Parley parley;

  private Parley server(Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage()
        .credentials(new InMemoryCredentialStore().addUser("romeo", "x").addUser("juliet", "x")
            .addUser("nurse", "x"));
    customize.accept(b);
    parley = b.build().start();
    return parley;
  }

  /** A server where romeo and juliet have a mutual subscription from the host. */
  private Parley lovers() {
    return server(b -> b.rosterProvider(user -> switch (user.toString()) {
      case ROMEO -> List.of(both(JULIET));
      case JULIET -> List.of(both(ROMEO));
      default -> List.of();
    }));
  }

  private static RosterItem both(String jid) {
    return new RosterItem(Jid.of(jid), null, Subscription.BOTH, false, false, Set.of());
  }

  @AfterEach
  void close() {
    if (parley != null) {
      parley.close();
    }
  }

  private final class Client {
    final InProcessSession session;
    final BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();

    Client(String fullJid) {
      session = parley.openSession(Jid.of(fullJid), inbox::add);
    }

    Client online() throws InterruptedException {
      return online(null);
    }

    /** Sends initial presence and waits for its reflection (RFC 6121 §4.2.2). */
    Client online(String show) throws InterruptedException {
      session.send(presence(null, Presence.Type.AVAILABLE, show));
      await(p -> p.from().equals(session.jid()) && p.type() == Presence.Type.AVAILABLE);
      return this;
    }

    void send(String to, Presence.Type type) {
      session.send(presence(to, type, null));
    }

    /** The next presence matching, skipping others; fails after 5 s. */
    Presence await(Predicate<Presence> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (true) {
        Stanza s = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (s == null) {
          throw new AssertionError(session.jid() + " got no such presence");
        }
        if (s instanceof Presence p && wanted.test(p)) {
          return p;
        }
      }
    }

    Presence await(String from, Presence.Type type) throws InterruptedException {
      return await(p -> p.from().equals(Jid.of(from)) && p.type() == type);
    }

    /** A presence matching within a short while, or null. */
    Presence none(Predicate<Presence> unwanted) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      while (true) {
        Stanza s = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (s == null) {
          return null;
        }
        if (s instanceof Presence p && unwanted.test(p)) {
          return p;
        }
      }
    }

    Presence none(String from, Presence.Type type) throws InterruptedException {
      return none(p -> p.from().equals(Jid.of(from)) && p.type() == type);
    }
  }

  private static Presence presence(String to, Presence.Type type, String show) {
    List<Element> children = show == null ? List.of()
        : List.of(Element.builder("show", Stanza.CLIENT_NAMESPACE).text(show).build());
    return new Presence(to == null ? null : Jid.of(to), null, null, type, null, children);
  }

  /** romeo asks, juliet approves: romeo ends with To, juliet with From. */
  private void subscribeRomeoToJuliet(Client romeo, Client juliet) throws Exception {
    romeo.send(JULIET, Presence.Type.SUBSCRIBE);
    juliet.await(ROMEO, Presence.Type.SUBSCRIBE);
    juliet.send(ROMEO, Presence.Type.SUBSCRIBED);
    romeo.await(JULIET, Presence.Type.SUBSCRIBED);
    romeo.await(juliet.session.jid().toString(), Presence.Type.AVAILABLE);
  }

  // ---- §3.1 subscription request and approval

  @Test
  void subscribeIsStampedWithTheBareJidAndDeliveredToTheContact() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    romeo.send(JULIET + "/balcony", Presence.Type.SUBSCRIBE);
    Presence request = juliet.await(ROMEO, Presence.Type.SUBSCRIBE);
    assertEquals(Jid.of(JULIET), request.to());
  }

  @Test
  void approvalDeliversSubscribedThenTheContactsPresence() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online("away");
    subscribeRomeoToJuliet(romeo, juliet);
    // From now on juliet's updates reach romeo (To), but not the other way round.
    juliet.session.send(presence(null, Presence.Type.AVAILABLE, "chat"));
    assertEquals("chat", romeo.await(p -> p.from().equals(juliet.session.jid())
        && "chat".equals(p.show())).show());
    romeo.session.send(presence(null, Presence.Type.AVAILABLE, "dnd"));
    assertNull(juliet.none(p -> p.from().equals(romeo.session.jid())));
  }

  @Test
  void requestToAnOfflineContactWaitsForItsNextAvailableResource() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    romeo.send(JULIET, Presence.Type.SUBSCRIBE);
    Client juliet = new Client(JULIET + "/balcony");
    assertNull(juliet.none(ROMEO, Presence.Type.SUBSCRIBE), "not before initial presence");
    juliet.online();
    juliet.await(ROMEO, Presence.Type.SUBSCRIBE);
    // Still pending, so a second resource hears it too.
    Client second = new Client(JULIET + "/garden").online();
    second.await(ROMEO, Presence.Type.SUBSCRIBE);
  }

  @Test
  void duplicateRequestIsNotDeliveredAgain() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    romeo.send(JULIET, Presence.Type.SUBSCRIBE);
    juliet.await(ROMEO, Presence.Type.SUBSCRIBE);
    romeo.send(JULIET, Presence.Type.SUBSCRIBE);
    assertNull(juliet.none(ROMEO, Presence.Type.SUBSCRIBE));
  }

  @Test
  void requestToAContactThatAlreadyGrantedItIsAnsweredByTheServer() throws Exception {
    // Juliet's host roster grants romeo From; romeo's own roster does not know it yet.
    server(b -> b.rosterProvider(user -> user.equals(Jid.of(JULIET))
        ? List.of(new RosterItem(Jid.of(ROMEO), null, Subscription.FROM, false, false, Set.of()))
        : List.of()));
    Client juliet = new Client(JULIET + "/balcony").online("away");
    Client romeo = new Client(ROMEO + "/orchard").online();
    romeo.send(JULIET, Presence.Type.SUBSCRIBE);
    romeo.await(JULIET, Presence.Type.SUBSCRIBED);
    assertEquals("away", romeo.await(JULIET + "/balcony", Presence.Type.AVAILABLE).show());
    assertNull(juliet.none(ROMEO, Presence.Type.SUBSCRIBE));
  }

  @Test
  void repeatedRequestOfASubscribedUserAsksNobody() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    subscribeRomeoToJuliet(romeo, juliet);
    romeo.send(JULIET, Presence.Type.SUBSCRIBE);
    // The server answers subscribed, which romeo's side drops as he is subscribed (§3.1.6).
    assertNull(juliet.none(ROMEO, Presence.Type.SUBSCRIBE));
    assertNull(romeo.none(JULIET, Presence.Type.SUBSCRIBED));
  }

  @Test
  void preApprovedRequestIsAcceptedWithoutAskingTheContact() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    juliet.send(ROMEO, Presence.Type.SUBSCRIBED); // §3.4 pre-approval: not routed
    assertNull(romeo.none(JULIET, Presence.Type.SUBSCRIBED));
    romeo.send(JULIET, Presence.Type.SUBSCRIBE);
    romeo.await(JULIET, Presence.Type.SUBSCRIBED);
    romeo.await(juliet.session.jid().toString(), Presence.Type.AVAILABLE);
    assertNull(juliet.none(ROMEO, Presence.Type.SUBSCRIBE));
  }

  @Test
  void cancelledPreApprovalMakesTheContactAskAgain() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    juliet.send(ROMEO, Presence.Type.SUBSCRIBED);
    juliet.send(ROMEO, Presence.Type.UNSUBSCRIBED);
    romeo.send(JULIET, Presence.Type.SUBSCRIBE);
    juliet.await(ROMEO, Presence.Type.SUBSCRIBE);
    assertNull(romeo.none(JULIET, Presence.Type.SUBSCRIBED));
  }

  @Test
  void subscribedWithoutARequestIsNotDelivered() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    juliet.send(ROMEO, Presence.Type.SUBSCRIBED);
    assertNull(romeo.none(JULIET, Presence.Type.SUBSCRIBED));
    assertNull(romeo.none(p -> p.from().equals(juliet.session.jid())));
  }

  @Test
  void deniedRequestReachesTheRequesterAndGrantsNothing() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    romeo.send(JULIET, Presence.Type.SUBSCRIBE);
    juliet.await(ROMEO, Presence.Type.SUBSCRIBE);
    juliet.send(ROMEO, Presence.Type.UNSUBSCRIBED);
    romeo.await(JULIET, Presence.Type.UNSUBSCRIBED);
    juliet.session.send(presence(null, Presence.Type.AVAILABLE, "chat"));
    // Only the new presence counts: romeo's probe at his own login may still answer with
    // juliet's initial presence, a second copy that races this test.
    assertNull(romeo.none(p -> p.from().equals(juliet.session.jid()) && "chat".equals(p.show())));
    // The request is no longer pending: a new resource of juliet does not get it.
    Client second = new Client(JULIET + "/garden").online();
    assertNull(second.none(ROMEO, Presence.Type.SUBSCRIBE));
  }

  @Test
  void subscriptionToAnAccountThatDoesNotExistIsIgnored() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    romeo.send("ghost@example.test", Presence.Type.SUBSCRIBE);
    romeo.send("ghost@example.test", Presence.Type.PROBE);
    assertNull(romeo.none(p -> p.from().asBare().equals(Jid.of("ghost@example.test"))));
  }

  // ---- §3.2 and §3.3 cancellation

  @Test
  void contactCancellingSendsUnsubscribedAndUnavailable() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    subscribeRomeoToJuliet(romeo, juliet);
    juliet.send(ROMEO, Presence.Type.UNSUBSCRIBED);
    romeo.await(JULIET, Presence.Type.UNSUBSCRIBED);
    romeo.await(JULIET + "/balcony", Presence.Type.UNAVAILABLE);
    juliet.session.send(presence(null, Presence.Type.AVAILABLE, "chat"));
    // Only the new presence counts: romeo's probe at his own login may still answer with
    // juliet's initial presence, a second copy that races this test.
    assertNull(romeo.none(p -> p.from().equals(juliet.session.jid()) && "chat".equals(p.show())));
  }

  @Test
  void userUnsubscribingGetsTheContactsUnavailable() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    subscribeRomeoToJuliet(romeo, juliet);
    romeo.send(JULIET, Presence.Type.UNSUBSCRIBE);
    juliet.await(ROMEO, Presence.Type.UNSUBSCRIBE);
    romeo.await(JULIET + "/balcony", Presence.Type.UNAVAILABLE);
    juliet.session.send(presence(null, Presence.Type.AVAILABLE, "chat"));
    // Only the new presence counts: romeo's probe at his own login may still answer with
    // juliet's initial presence, a second copy that races this test.
    assertNull(romeo.none(p -> p.from().equals(juliet.session.jid()) && "chat".equals(p.show())));
  }

  // ---- §4 presence exchange

  @Test
  void initialPresenceReachesSubscribersAndTheNewResourceGetsTheirs() throws Exception {
    lovers();
    Client juliet = new Client(JULIET + "/balcony").online("away");
    Client romeo = new Client(ROMEO + "/orchard").online();
    juliet.await(ROMEO + "/orchard", Presence.Type.AVAILABLE);
    assertEquals("away", romeo.await(JULIET + "/balcony", Presence.Type.AVAILABLE).show());
  }

  @Test
  void nonSubscribersGetNoBroadcast() throws Exception {
    lovers();
    Client nurse = new Client(NURSE + "/kitchen").online();
    new Client(ROMEO + "/orchard").online();
    assertNull(nurse.none(p -> p.from().asBare().equals(Jid.of(ROMEO))));
  }

  @Test
  void updatesAndUnavailableAreBroadcast() throws Exception {
    lovers();
    Client juliet = new Client(JULIET + "/balcony").online();
    Client romeo = new Client(ROMEO + "/orchard").online();
    romeo.session.send(presence(null, Presence.Type.AVAILABLE, "xa"));
    assertEquals("xa", juliet.await(p -> p.from().equals(romeo.session.jid())
        && "xa".equals(p.show())).show());
    romeo.session.send(presence(null, Presence.Type.UNAVAILABLE, null));
    juliet.await(ROMEO + "/orchard", Presence.Type.UNAVAILABLE);
    assertEquals(List.of(), parley.presence(Jid.of(ROMEO)));
  }

  @Test
  void endedSessionIsBroadcastUnavailable() throws Exception {
    lovers();
    Client juliet = new Client(JULIET + "/balcony").online();
    Client romeo = new Client(ROMEO + "/orchard").online();
    romeo.session.close();
    juliet.await(ROMEO + "/orchard", Presence.Type.UNAVAILABLE);
  }

  @Test
  void ownResourcesSeeEachOther() throws Exception {
    server(b -> { });
    Client phone = new Client(ROMEO + "/phone").online("away");
    Client desk = new Client(ROMEO + "/desk").online();
    assertEquals("away", desk.await(ROMEO + "/phone", Presence.Type.AVAILABLE).show());
    phone.await(ROMEO + "/desk", Presence.Type.AVAILABLE);
    desk.session.close();
    phone.await(ROMEO + "/desk", Presence.Type.UNAVAILABLE);
  }

  @Test
  void probeFromASubscriberGetsEachAvailableResource() throws Exception {
    lovers();
    Client romeo = new Client(ROMEO + "/orchard");
    new Client(JULIET + "/balcony").online("away");
    new Client(JULIET + "/garden").online("chat");
    romeo.send(JULIET, Presence.Type.PROBE);
    Set<String> shows = Set.of(romeo.await(p -> p.from().asBare().equals(Jid.of(JULIET))).show(),
        romeo.await(p -> p.from().asBare().equals(Jid.of(JULIET))).show());
    assertEquals(Set.of("away", "chat"), shows);
  }

  @Test
  void probeForAnOfflineContactIsAnsweredUnavailable() throws Exception {
    lovers();
    Client romeo = new Client(ROMEO + "/orchard");
    romeo.send(JULIET, Presence.Type.PROBE);
    assertEquals(Jid.of(ROMEO + "/orchard"), romeo.await(JULIET, Presence.Type.UNAVAILABLE).to());
  }

  @Test
  void probeFromANonSubscriberRevealsNothing() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    romeo.send(JULIET, Presence.Type.PROBE);
    assertNull(romeo.none(p -> p.from().asBare().equals(Jid.of(JULIET))));
  }

  @Test
  void probeThatTheContactDoesNotAuthorizeIsAnsweredUnsubscribed() throws Exception {
    // Romeo's host roster claims To; juliet's roster has no From for him.
    server(b -> b.rosterProvider(user -> user.equals(Jid.of(ROMEO))
        ? List.of(new RosterItem(Jid.of(JULIET), null, Subscription.TO, false, false, Set.of()))
        : List.of()));
    new Client(JULIET + "/balcony").online();
    Client romeo = new Client(ROMEO + "/orchard").online(); // its login probe gets nothing
    romeo.send(JULIET, Presence.Type.PROBE);
    romeo.await(JULIET, Presence.Type.UNSUBSCRIBED);
    assertNull(romeo.none(p -> p.from().equals(Jid.of(JULIET + "/balcony"))));
  }

  // ---- §4.6 directed presence

  @Test
  void directedPresenceReachesTheEntityAndIsUndoneWhenTheSessionEnds() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client nurse = new Client(NURSE + "/kitchen").online();
    romeo.send(NURSE, Presence.Type.AVAILABLE);
    nurse.await(ROMEO + "/orchard", Presence.Type.AVAILABLE);
    romeo.session.close();
    nurse.await(ROMEO + "/orchard", Presence.Type.UNAVAILABLE);
  }

  @Test
  void directedPresenceToAFullJidReachesOnlyThatResource() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client kitchen = new Client(NURSE + "/kitchen").online();
    Client hall = new Client(NURSE + "/hall").online();
    romeo.send(NURSE + "/hall", Presence.Type.AVAILABLE);
    hall.await(ROMEO + "/orchard", Presence.Type.AVAILABLE);
    assertNull(kitchen.none(ROMEO + "/orchard", Presence.Type.AVAILABLE));
  }

  @Test
  void directedUnavailableEndsTheDirectedPresence() throws Exception {
    server(b -> { });
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client nurse = new Client(NURSE + "/kitchen").online();
    romeo.send(NURSE, Presence.Type.AVAILABLE);
    nurse.await(ROMEO + "/orchard", Presence.Type.AVAILABLE);
    romeo.send(NURSE, Presence.Type.UNAVAILABLE);
    nurse.await(ROMEO + "/orchard", Presence.Type.UNAVAILABLE);
    romeo.session.close();
    assertNull(nurse.none(ROMEO + "/orchard", Presence.Type.UNAVAILABLE));
  }

  @Test
  void presenceErrorStopsTheBroadcastToThatContact() throws Exception {
    lovers();
    Client romeo = new Client(ROMEO + "/orchard").online();
    Client juliet = new Client(JULIET + "/balcony").online();
    romeo.await(JULIET + "/balcony", Presence.Type.AVAILABLE);
    romeo.session.send(new Presence(Jid.of(JULIET), null, null, Presence.Type.ERROR, null,
        List.of(StanzaError.of(StanzaError.Condition.NOT_ACCEPTABLE)
            .toElement(Stanza.CLIENT_NAMESPACE))));
    assertNotNull(juliet.await(ROMEO + "/orchard", Presence.Type.ERROR).error());
    juliet.session.send(presence(null, Presence.Type.AVAILABLE, "chat"));
    // Only the new presence counts: romeo's probe at his own login may still answer with
    // juliet's initial presence, a second copy that races this test.
    assertNull(romeo.none(p -> p.from().equals(juliet.session.jid()) && "chat".equals(p.show())));
  }

  // ---- host presence listeners

  @Test
  void hostHearsEveryChangeInOrder() throws Exception {
    BlockingQueue<PresenceEvent> heard = new LinkedBlockingQueue<>();
    server(b -> b.presenceListener(heard::add));
    Client romeo = new Client(ROMEO + "/orchard").online();
    romeo.session.send(presence(null, Presence.Type.AVAILABLE, "away"));
    romeo.session.send(presence(null, Presence.Type.AVAILABLE, null));
    romeo.session.close();
    List<String> got = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      PresenceEvent e = heard.poll(5, TimeUnit.SECONDS);
      assertNotNull(e);
      assertEquals(Jid.of(ROMEO + "/orchard"), e.jid());
      got.add(e.available() ? "available " + e.show() : "unavailable");
    }
    assertEquals(List.of("available null", "available away", "available null", "unavailable"),
        got);
    assertNull(heard.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void sessionWithoutInitialPresenceMakesNoEvents() throws Exception {
    BlockingQueue<PresenceEvent> heard = new LinkedBlockingQueue<>();
    server(b -> b.presenceListener(heard::add));
    new Client(ROMEO + "/orchard").session.close();
    assertNull(heard.poll(300, TimeUnit.MILLISECONDS));
    assertEquals(Map.of(), Map.of());
  }
}
