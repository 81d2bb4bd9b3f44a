package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import reactor.blockhound.BlockHound;

/**
 * Nothing blocks a Netty event loop: with BlockHound watching the event-loop threads, real clients
 * log in (STARTTLS, SCRAM), subscribe, chat (archived), query the archive, leave messages offline
 * and use the server's IQ features, and no blocking call is seen on a network thread.
 */
@Tag("e2e")
class EventLoopBlockingTest {
  // BlockHound is installed once per JVM and cannot be removed; it acts only while this class
  // runs, so that other test classes in the same JVM never see an event loop killed by it.
  static final List<String> violations = new CopyOnWriteArrayList<>();
  static volatile boolean watching;

  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension();

  @BeforeAll
  static void watchEventLoops() {
    // Handing work to the blocking pool takes its queue's lock for a few instructions; under
    // contention that parks briefly, which is not waiting on I/O or on other work.
    BlockHound.install(builder -> builder
        .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "execute")
        .blockingMethodCallback(method -> {
          if (watching) {
            violations.add(method + " on " + Thread.currentThread().getName());
            throw new Error("blocking call on an event loop: " + method);
          }
        }));
    watching = true;
  }

  @AfterAll
  static void stopWatching() {
    watching = false;
  }

  private static XMPPTCPConnection login(String user, String resource) throws Exception {
    return server.login(user, resource);
  }

  @Test
  void aTypicalSessionMakesNoBlockingCallOnAnEventLoop() throws Exception {
    XMPPTCPConnection alice = login("alice", "bh");
    XMPPTCPConnection bob = login("bob", "bh");
    try {
      Roster aliceRoster = Roster.getInstanceFor(alice);
      Roster bobRoster = Roster.getInstanceFor(bob);
      bobRoster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
      BareJid bobJid = JidCreate.bareFrom("bob@localhost");
      aliceRoster.createItemAndRequestSubscription(bobJid, "Bob", null);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while ((aliceRoster.getEntry(bobJid) == null
          || aliceRoster.getEntry(bobJid).getType() != RosterPacket.ItemType.to)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(RosterPacket.ItemType.to, aliceRoster.getEntry(bobJid).getType());

      CountDownLatch got = new CountDownLatch(50);
      bob.addSyncStanzaListener(s -> got.countDown(), StanzaTypeFilter.MESSAGE);
      for (int i = 0; i < 50; i++) {
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(bobJid)
            .ofType(Message.Type.chat).setBody("m" + i).build());
      }
      assertTrue(got.await(30, TimeUnit.SECONDS));
      // XEP-0313: the messages were archived on their way; disco, a query and the preferences.
      MamManager bobMam = MamManager.getInstanceFor(bob);
      assertTrue(bobMam.isSupported());
      assertEquals(50, bobMam.queryArchive(MamManager.MamQueryArgs.builder()
          .setResultPageSizeTo(100).build()).getMessages().size());
      bobMam.retrieveArchivingPreferences();

      assertTrue(PingManager.getInstanceFor(alice).pingMyServer());
      assertTrue(ServiceDiscoveryManager.getInstanceFor(alice).serverSupportsFeature(
          "urn:xmpp:ping"));
      VCardManager.getInstanceFor(alice).loadVCard();
      alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
          .to(JidCreate.bareFrom("carol@localhost")).ofType(Message.Type.chat)
          .setBody("for later").build());
      assertTrue(PingManager.getInstanceFor(alice).pingMyServer());
    } finally {
      alice.disconnect();
      bob.disconnect();
    }
    XMPPTCPConnection carol = login("carol", "bh");
    carol.disconnect();
    assertEquals(List.of(), violations);
  }
}
