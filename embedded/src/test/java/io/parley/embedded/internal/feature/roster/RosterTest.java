package io.parley.embedded.internal.feature.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.embedded.internal.storage.memory.InMemoryRosterStore;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.storage.RosterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 6121 §2 through the real graph and router, with in-process sessions as the clients. */
class RosterTest {
  @TempDir Path dataDir;
  private Parley parley;
  private volatile List<RosterItem> hostItems = List.of();

  private Parley server(Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage().rosterProvider(user -> hostItems);
    customize.accept(b);
    parley = b.build().start();
    return parley;
  }

  @AfterEach
  void close() {
    if (parley != null) {
      parley.close();
    }
  }

  private static final class Client {
    final InProcessSession session;
    final BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();

    Client(Parley parley, String jid) {
      session = parley.openSession(Jid.of(jid), inbox::add);
    }

    Iq request(Iq.Type type, String id, String queryXml) throws InterruptedException {
      session.send(new Iq(null, null, id, type, null, List.of(XmlOutput.element(queryXml))));
      return next();
    }

    Iq next() throws InterruptedException {
      return (Iq) inbox.poll(5, TimeUnit.SECONDS);
    }

    Stanza none() throws InterruptedException {
      return inbox.poll(200, TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void aRosterSetIsAnsweredAndPushedToEveryInterestedResource() throws Exception {
    server(b -> { });
    Client balcony = new Client(parley, "juliet@example.test/balcony");
    Client chamber = new Client(parley, "juliet@example.test/chamber");
    Client silent = new Client(parley, "juliet@example.test/silent");
    assertEquals(Iq.Type.RESULT, balcony.request(Iq.Type.GET, "g1",
        "<query xmlns='jabber:iq:roster'/>").type());
    assertEquals(Iq.Type.RESULT, chamber.request(Iq.Type.GET, "g2",
        "<query xmlns='jabber:iq:roster'/>").type());

    balcony.session.send(new Iq(null, null, "s1", Iq.Type.SET, null, List.of(XmlOutput.element(
        "<query xmlns='jabber:iq:roster'><item jid='nurse@example.test' name='Nurse'>"
            + "<group>Servants</group></item></query>"))));
    // The result and the push may arrive in either order.
    Iq first = balcony.next();
    Iq second = balcony.next();
    Iq result = first.type() == Iq.Type.RESULT ? first : second;
    Iq push = first.type() == Iq.Type.RESULT ? second : first;
    assertEquals("s1", result.id());
    assertTrue(result.children().isEmpty());
    assertEquals(Iq.Type.SET, push.type());
    assertNull(push.from());
    Element item = push.payload().elements().get(0);
    assertEquals("nurse@example.test", item.attribute("jid"));
    assertNotNull(push.payload().attribute("ver"));

    Iq chamberPush = chamber.next();
    assertEquals(Jid.of("juliet@example.test/chamber"), chamberPush.to());
    assertEquals(push.payload(), chamberPush.payload());
    assertNull(silent.none(), "a resource that never asked for the roster gets no pushes");

    // Clients answer pushes; the router drops those results.
    chamber.session.send(new Iq(null, null, chamberPush.id(), Iq.Type.RESULT, null, List.of()));
    assertNull(chamber.none());
  }

  @Test
  void aRosterGetForAnotherAccountIsForbidden() throws Exception {
    server(b -> { });
    Client juliet = new Client(parley, "juliet@example.test/balcony");
    juliet.session.send(Iq.get(Jid.of("romeo@example.test"), "g1",
        Element.of("query", "jabber:iq:roster")));
    Iq reply = juliet.next();
    assertEquals(Iq.Type.ERROR, reply.type());
    assertEquals(StanzaError.Condition.FORBIDDEN, reply.error().condition());
    assertEquals(Jid.of("romeo@example.test"), reply.from());
  }

  @Test
  void theVersionAnswersAGetWithAnEmptyResult() throws Exception {
    server(b -> { });
    Client juliet = new Client(parley, "juliet@example.test/balcony");
    String ver = juliet.request(Iq.Type.GET, "g1", "<query xmlns='jabber:iq:roster' ver=''/>")
        .payload().attribute("ver");
    Iq again = juliet.request(Iq.Type.GET, "g2",
        "<query xmlns='jabber:iq:roster' ver='" + ver + "'/>");
    assertEquals(Iq.Type.RESULT, again.type());
    assertTrue(again.children().isEmpty());
  }

  @Test
  void parleyRosterChangedPushesTheHostsNewItem() throws Exception {
    server(b -> { });
    Client juliet = new Client(parley, "juliet@example.test/balcony");
    juliet.request(Iq.Type.GET, "g1", "<query xmlns='jabber:iq:roster'/>");
    hostItems = List.of(new RosterItem(Jid.of("tybalt@example.test"), "Tybalt",
        Subscription.BOTH, false, false, Set.of("Capulets")));
    parley.rosterChanged(Jid.of("juliet@example.test/balcony"));
    Iq push = juliet.next();
    assertEquals(XmlOutput.element("<item xmlns='jabber:iq:roster' jid='tybalt@example.test'"
        + " name='Tybalt' subscription='both'><group>Capulets</group></item>"),
        push.payload().elements().get(0));
  }

  @Test
  void aClosedResourceLeavesTheOthersInterested() throws Exception {
    server(b -> { });
    Client balcony = new Client(parley, "juliet@example.test/balcony");
    Client chamber = new Client(parley, "juliet@example.test/chamber");
    balcony.request(Iq.Type.GET, "g1", "<query xmlns='jabber:iq:roster'/>");
    chamber.request(Iq.Type.GET, "g2", "<query xmlns='jabber:iq:roster'/>");
    balcony.session.close();
    Iq result = chamber.request(Iq.Type.SET, "s1",
        "<query xmlns='jabber:iq:roster'><item jid='nurse@example.test'/></query>");
    Iq other = chamber.next();
    assertEquals(Set.of(Iq.Type.RESULT, Iq.Type.SET), Set.of(result.type(), other.type()));
  }

  @Test
  void aRemovalIsAnsweredOnceTheContactsSideHasTakenTheCancellations() throws Exception {
    Jid juliet = Jid.of("juliet@example.test");
    Jid romeo = Jid.of("romeo@example.test");
    GatedRosterStore store = new GatedRosterStore(romeo);
    store.put(juliet, new RosterItem(romeo, null, Subscription.BOTH, false, false, Set.of()));
    store.put(romeo, new RosterItem(juliet, null, Subscription.BOTH, false, false, Set.of()));
    // Accounts: subscription stanzas to a JID with no account are ignored (RFC 6121 §8.5.1).
    server(b -> b.rosterStore(store).credentials(new InMemoryCredentialStore()
        .addUser("juliet", "pw").addUser("romeo", "pw")));
    Client balcony = new Client(parley, "juliet@example.test/balcony");

    store.hold();
    balcony.session.send(new Iq(null, null, "r1", Iq.Type.SET, null, List.of(XmlOutput.element(
        "<query xmlns='jabber:iq:roster'><item jid='romeo@example.test'"
            + " subscription='remove'/></query>"))));
    // Juliet's item is gone at once; Romeo's side cannot write its roster yet.
    assertNull(balcony.none(), "answered before the contact's side took the cancellations");
    store.release();
    Iq result = balcony.next();
    assertEquals(Iq.Type.RESULT, result.type());
    assertEquals("r1", result.id());
    // Both cancellations (unsubscribe, then unsubscribed) were processed before the answer.
    assertEquals(Subscription.NONE, store.item(romeo, juliet).orElseThrow().subscription());
    assertTrue(store.item(juliet, romeo).isEmpty());
  }

  /** A roster store whose writes for one user wait while held. */
  private static final class GatedRosterStore implements RosterStore {
    private final RosterStore delegate = new InMemoryRosterStore();
    private final Jid gated;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    GatedRosterStore(Jid gated) {
      this.gated = gated;
    }

    void hold() {
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    private void await(Jid user) {
      if (user.equals(gated)) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    @Override
    public List<RosterItem> items(Jid user) {
      return delegate.items(user);
    }

    @Override
    public Optional<RosterItem> item(Jid user, Jid contact) {
      return delegate.item(user, contact);
    }

    @Override
    public String put(Jid user, RosterItem item) {
      await(user);
      return delegate.put(user, item);
    }

    @Override
    public String remove(Jid user, Jid contact) {
      await(user);
      return delegate.remove(user, contact);
    }

    @Override
    public String version(Jid user) {
      return delegate.version(user);
    }

    @Override
    public void deleteUser(Jid user) {
      delegate.deleteUser(user);
    }
  }
}
