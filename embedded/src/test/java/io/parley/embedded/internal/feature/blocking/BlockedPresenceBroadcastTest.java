package io.parley.embedded.internal.feature.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0191 §3.3 with RFC 6121 broadcasts: a blocked contact no longer gets the user's presence. */
class BlockedPresenceBroadcastTest {
  private static final Jid ALICE = Jid.of("alice@example.test");
  private static final Jid BOB = Jid.of("bob@example.test");

  @TempDir Path dataDir;
  private Parley parley;

  @AfterEach
  void close() {
    parley.close();
  }

  private static Presence status(String text) {
    return new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of(
        Element.builder("status", Stanza.CLIENT_NAMESPACE).text(text).build()));
  }

  @Test
  void presenceUpdatesStopReachingABlockedContactAndResumeAfterUnblock() throws Exception {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).inMemoryStorage()
        .rosterProvider(user -> List.of(new RosterItem(user.equals(ALICE) ? BOB : ALICE, null,
            RosterItem.Subscription.BOTH, false, false, Set.of())))
        .build().start();
    TestClient bob = new TestClient(parley, "bob@example.test/phone").available(0);
    TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
    bob.next(s -> s instanceof Presence p && ALICE.equals(p.from().asBare()));

    Iq blocked = alice.request(Iq.Type.SET, null, Element.builder("block", "urn:xmpp:blocking")
        .child(Element.builder("item", "urn:xmpp:blocking").attribute("jid", BOB.toString())
            .build()).build());
    assertEquals(Iq.Type.RESULT, blocked.type());
    // Bob may also hold a second copy of Alice's first presence (his own initial presence's
    // probe answer can cross her broadcast); what counts is what follows the block.
    Presence gone = (Presence) bob.next(s -> s instanceof Presence p
        && ALICE.equals(p.from().asBare()) && p.type() == Presence.Type.UNAVAILABLE);
    assertEquals(Presence.Type.UNAVAILABLE, gone.type());

    alice.session.send(status("busy"));
    assertNull(bob.none(s -> s instanceof Presence p && "busy".equals(p.status())),
        "a blocked contact got a presence update");

    Iq unblocked = alice.request(Iq.Type.SET, null, Element.builder("unblock",
        "urn:xmpp:blocking").build());
    assertEquals(Iq.Type.RESULT, unblocked.type());
    bob.next(s -> s instanceof Presence p && p.type() == Presence.Type.AVAILABLE);
    alice.session.send(status("back"));
    Presence back = (Presence) bob.next(s -> s instanceof Presence p && "back".equals(p.status()));
    assertEquals(ALICE, back.from().asBare());
  }
}
