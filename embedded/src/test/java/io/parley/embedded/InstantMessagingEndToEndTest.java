package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import io.parley.spi.event.PresenceEvent;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * RFC 6121 with real clients: two Smack users add each other, see presence change, chat, block
 * and unblock; the host's presence listener sees a client come and go, also when its socket is
 * cut.
 */
@Tag("e2e")
class InstantMessagingEndToEndTest {
  static final BlockingQueue<PresenceEvent> hostEvents = new LinkedBlockingQueue<>();

  @RegisterExtension
  static final ParleyServerExtension server =
      new ParleyServerExtension(b -> b.presenceListener(hostEvents::add));



  private XMPPTCPConnection login(String user, String resource) throws Exception {
    return server.login(user, resource);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void twoUsersAddEachOtherSeePresenceChatBlockAndUnblock() throws Exception {
    XMPPTCPConnection alice = login("alice", "im");
    XMPPTCPConnection bob = login("bob", "im");
    Roster aliceRoster = Roster.getInstanceFor(alice);
    Roster bobRoster = Roster.getInstanceFor(bob);
    aliceRoster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
    bobRoster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
    BareJid aliceJid = JidCreate.bareFrom("alice@localhost");
    BareJid bobJid = JidCreate.bareFrom("bob@localhost");

    aliceRoster.createItemAndRequestSubscription(bobJid, "Bob", null);
    bobRoster.createItemAndRequestSubscription(aliceJid, "Alice", null);
    await(() -> aliceRoster.getEntry(bobJid) != null
        && aliceRoster.getEntry(bobJid).getType() == RosterPacket.ItemType.both, "alice: both");
    await(() -> bobRoster.getEntry(aliceJid) != null
        && bobRoster.getEntry(aliceJid).getType() == RosterPacket.ItemType.both, "bob: both");
    await(() -> aliceRoster.getPresence(bobJid).isAvailable(), "alice sees bob online");

    BlockingQueue<Presence> aliceSees = new LinkedBlockingQueue<>();
    aliceRoster.addRosterListener(new RosterListener() {
      @Override
      public void entriesAdded(Collection<Jid> addresses) {}

      @Override
      public void entriesUpdated(Collection<Jid> addresses) {}

      @Override
      public void entriesDeleted(Collection<Jid> addresses) {}

      @Override
      public void presenceChanged(Presence presence) {
        aliceSees.add(presence);
      }
    });
    bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza()
        .setMode(Presence.Mode.away).setStatus("at lunch").build());
    Presence away = aliceSees.poll(10, TimeUnit.SECONDS);
    assertEquals(Presence.Mode.away, away.getMode());
    assertEquals("at lunch", away.getStatus());

    BlockingQueue<Message> bobInbox = new LinkedBlockingQueue<>();
    bob.addSyncStanzaListener(s -> bobInbox.add((Message) s), StanzaTypeFilter.MESSAGE);
    alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(bobJid)
        .ofType(Message.Type.chat).setBody("lunch?").build());
    assertEquals("lunch?", bobInbox.poll(10, TimeUnit.SECONDS).getBody());

    BlockingCommandManager aliceBlocking = BlockingCommandManager.getInstanceFor(alice);
    aliceBlocking.blockContacts(List.of(bobJid));
    BlockingQueue<Message> aliceInbox = new LinkedBlockingQueue<>();
    alice.addSyncStanzaListener(s -> aliceInbox.add((Message) s), StanzaTypeFilter.MESSAGE);
    bob.sendStanza(bob.getStanzaFactory().buildMessageStanza().to(aliceJid)
        .ofType(Message.Type.chat).setBody("hello?").build());
    Message bounced = bobInbox.poll(10, TimeUnit.SECONDS);
    assertEquals(StanzaError.Condition.service_unavailable, bounced.getError().getCondition());
    assertNull(aliceInbox.poll(300, TimeUnit.MILLISECONDS));
    await(() -> !bobRoster.getPresence(aliceJid).isAvailable(), "blocked: bob sees alice offline");

    aliceBlocking.unblockContacts(List.of(bobJid));
    bob.sendStanza(bob.getStanzaFactory().buildMessageStanza().to(aliceJid)
        .ofType(Message.Type.chat).setBody("hello again").build());
    assertEquals("hello again", aliceInbox.poll(10, TimeUnit.SECONDS).getBody());
  }

  @Test
  void hostHearsAClientComeAndGoEvenWhenItsSocketIsCut() throws Exception {
    XMPPTCPConnection carol = login("carol", "cut");
    io.parley.spi.stanza.Jid carolJid = io.parley.spi.stanza.Jid.of("carol@localhost/cut");
    PresenceEvent online = next(carolJid);
    assertTrue(online.available());
    assertEquals(1, server.parley().presence(carolJid.asBare()).size());

    carol.instantShutdown(); // no unavailable, no stream end: the TCP connection just goes
    PresenceEvent gone = next(carolJid);
    assertTrue(!gone.available());
    await(() -> server.parley().presence(carolJid.asBare()).isEmpty(), "carol offline");
  }

  private static PresenceEvent next(io.parley.spi.stanza.Jid jid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      PresenceEvent e = hostEvents.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && e.jid().equals(jid)) {
        return e;
      }
    }
    throw new AssertionError("no presence event for " + jid);
  }
}
