package io.parley.embedded.internal.feature.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Jid;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.AbstractRosterListener;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/** Smack 4.5's roster against Parley: load, add with a push, host items and host changes. */
@Tag("e2e")
class RosterEndToEndTest {
  private static volatile List<RosterItem> carolsHostItems = List.of();

  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension(
      b -> b.rosterProvider(user -> user.local().equals("carol") ? carolsHostItems : List.of()));



  private XMPPTCPConnection login(String user, String resource) throws Exception {
    return server.login(user, resource);
  }

  private static Roster loadedRoster(XMPPTCPConnection c) throws Exception {
    Roster roster = Roster.getInstanceFor(c);
    roster.reloadAndWait();
    assertTrue(roster.isLoaded());
    return roster;
  }

  private static BlockingQueue<BareJid> addedOrUpdated(Roster roster) {
    BlockingQueue<BareJid> seen = new LinkedBlockingQueue<>();
    roster.addRosterListener(new AbstractRosterListener() {
      @Override
      public void entriesAdded(Collection<org.jxmpp.jid.Jid> addresses) {
        addresses.forEach(a -> seen.add(a.asBareJid()));
      }

      @Override
      public void entriesUpdated(Collection<org.jxmpp.jid.Jid> addresses) {
        addresses.forEach(a -> seen.add(a.asBareJid()));
      }
    });
    return seen;
  }

  @Test
  void anItemAddedOnOneResourceIsPushedToAnother() throws Exception {
    XMPPTCPConnection desk = login("alice", "desk");
    XMPPTCPConnection phone = login("alice", "phone");
    Roster deskRoster = loadedRoster(desk);
    assertTrue(deskRoster.isRosterVersioningSupported(), "rosterver stream feature");
    Roster phoneRoster = loadedRoster(phone);
    BlockingQueue<BareJid> phoneSeen = addedOrUpdated(phoneRoster);

    BareJid nurse = JidCreate.bareFrom("nurse@localhost");
    deskRoster.createItem(nurse, "Nurse", new String[] {"Servants"});

    assertEquals(nurse, phoneSeen.poll(10, TimeUnit.SECONDS));
    RosterEntry entry = phoneRoster.getEntry(nurse);
    assertEquals("Nurse", entry.getName());
    assertEquals("Servants", entry.getGroups().get(0).getName());
    assertEquals(RosterPacket.ItemType.none, entry.getType());

    BlockingQueue<BareJid> phoneDeleted = new LinkedBlockingQueue<>();
    phoneRoster.addRosterListener(new AbstractRosterListener() {
      @Override
      public void entriesDeleted(Collection<org.jxmpp.jid.Jid> addresses) {
        addresses.forEach(a -> phoneDeleted.add(a.asBareJid()));
      }
    });
    // Smack applies the push to the resource that made the change on its own thread too.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (deskRoster.getEntry(nurse) == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    deskRoster.removeEntry(deskRoster.getEntry(nurse));
    assertEquals(nurse, phoneDeleted.poll(10, TimeUnit.SECONDS), "removal pushed");
    assertNull(phoneRoster.getEntry(nurse));
  }

  @Test
  void hostItemsAreInTheRosterReadOnlyAndTheirChangesArePushed() throws Exception {
    Jid tybalt = Jid.of("tybalt@localhost");
    carolsHostItems = List.of(new RosterItem(tybalt, "Tybalt", Subscription.BOTH, false, false,
        Set.of("Capulets")));
    XMPPTCPConnection carol = login("carol", "laptop");
    Roster roster = loadedRoster(carol);
    BareJid tybaltJid = JidCreate.bareFrom("tybalt@localhost");
    RosterEntry entry = roster.getEntry(tybaltJid);
    assertNotNull(entry, "host item in the roster");
    assertEquals(RosterPacket.ItemType.both, entry.getType());
    assertFalse(entry.isSubscriptionPending());

    XMPPException.XMPPErrorException refused = assertThrows(
        XMPPException.XMPPErrorException.class, () -> roster.removeEntry(entry));
    assertEquals(StanzaError.Condition.not_allowed, refused.getStanzaError().getCondition());

    BlockingQueue<BareJid> seen = addedOrUpdated(roster);
    carolsHostItems = List.of(carolsHostItems.get(0), new RosterItem(Jid.of("mercutio@localhost"),
        "Mercutio", Subscription.BOTH, false, false, Set.of("Friends")));
    server.parley().rosterChanged(Jid.of("carol@localhost"));
    BareJid mercutio = JidCreate.bareFrom("mercutio@localhost");
    assertEquals(mercutio, seen.poll(10, TimeUnit.SECONDS));
    assertEquals("Mercutio", roster.getEntry(mercutio).getName());
  }
}
