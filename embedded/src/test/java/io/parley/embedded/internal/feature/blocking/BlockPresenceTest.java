package io.parley.embedded.internal.feature.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.feature.roster.Rosters;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** XEP-0191 §3.3–§3.5 presence on a block list change, against a fake roster. */
class BlockPresenceTest {
  private static final Jid ALICE = Jid.of("alice@example.test");
  private static final Jid BOB = Jid.of("bob@example.test");
  private static final Jid CAROL = Jid.of("carol@example.test");
  private static final Jid DAVE = Jid.of("dave@example.net");

  private final SessionRegistry sessions = new SessionRegistry();
  private final List<Stanza> routed = new ArrayList<>();
  private final BlockPresence presence = new BlockPresence(new FakeRosters(List.of(
      new RosterItem(BOB, null, Subscription.FROM, false, false, Set.of()),
      new RosterItem(CAROL, null, Subscription.TO, false, false, Set.of()),
      new RosterItem(DAVE, null, Subscription.BOTH, false, false, Set.of()))),
      sessions, routed::add);

  private Presence available(String show) {
    return new Presence(null, null, null, Presence.Type.AVAILABLE, null,
        List.of(Element.builder("show", Stanza.CLIENT_NAMESPACE).text(show).build()));
  }

  @Test
  void blockSendsUnavailableFromEachAvailableResourceToSubscribedContactsOnly() {
    sessions.bind(new FakeSession(ALICE.withResource("desk"), available("away")), false);
    sessions.bind(new FakeSession(ALICE.withResource("phone"), null), false); // not available
    presence.changed(ALICE, Set.of(BOB, CAROL), true).toCompletableFuture().join();
    assertEquals(1, routed.size(), routed.toString());
    Presence p = (Presence) routed.get(0);
    assertEquals(Presence.Type.UNAVAILABLE, p.type());
    assertEquals(ALICE.withResource("desk"), p.from());
    assertEquals(BOB, p.to());
  }

  @Test
  void blockedDomainReachesTheSubscribedContactsOfThatDomain() {
    sessions.bind(new FakeSession(ALICE.withResource("desk"), available("chat")), false);
    presence.changed(ALICE, Set.of(Jid.domain("example.net")), true).toCompletableFuture().join();
    assertEquals(1, routed.size(), routed.toString());
    assertEquals(DAVE, routed.get(0).to());
  }

  @Test
  void unblockSendsTheCurrentPresence() {
    sessions.bind(new FakeSession(ALICE.withResource("desk"), available("dnd")), false);
    presence.changed(ALICE, Set.of(BOB.withResource("phone")), false).toCompletableFuture()
        .join();
    assertEquals(1, routed.size(), routed.toString());
    Presence p = (Presence) routed.get(0);
    assertEquals(Presence.Type.AVAILABLE, p.type());
    assertEquals("dnd", p.show());
    assertEquals(BOB.withResource("phone"), p.to());
    assertEquals(ALICE.withResource("desk"), p.from());
  }

  @Test
  void nothingIsSentToContactsWithoutSubscription() {
    sessions.bind(new FakeSession(ALICE.withResource("desk"), available("chat")), false);
    presence.changed(ALICE, Set.of(CAROL, Jid.of("eve@example.test")), true)
        .toCompletableFuture().join();
    assertTrue(routed.isEmpty(), routed.toString());
  }

  private record FakeRosters(List<RosterItem> items) implements Rosters {
    @Override
    public CompletionStage<List<RosterItem>> roster(Jid user) {
      return CompletableFuture.completedFuture(items);
    }

    @Override
    public CompletionStage<Optional<RosterItem>> item(Jid user, Jid contact) {
      return CompletableFuture.completedFuture(
          items.stream().filter(i -> i.jid().equals(contact)).findFirst());
    }

    @Override
    public CompletionStage<Optional<RosterItem>> update(Jid user, Jid contact,
        UnaryOperator<RosterItem> change) {
      throw new UnsupportedOperationException();
    }
  }

  private static final class FakeSession implements Session {
    private final Jid jid;
    private Presence presence;

    FakeSession(Jid jid, Presence presence) {
      this.jid = jid;
      this.presence = presence;
    }

    @Override
    public Jid jid() {
      return jid;
    }

    @Override
    public String transport() {
      return "fake";
    }

    @Override
    public SocketAddress remoteAddress() {
      return null;
    }

    @Override
    public boolean deliver(Stanza stanza) {
      return true;
    }

    @Override
    public Presence presence() {
      return presence;
    }

    @Override
    public void presence(Presence p) {
      presence = p;
    }

    @Override
    public void terminate(StreamErrorCondition condition) {}
  }
}
