package io.parley.embedded.internal.feature.blocking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0191 with Smack's BlockingCommandManager over TCP. */
@Tag("e2e")
class BlockingEndToEndTest {
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension();



  private XMPPTCPConnection login(String user, String resource) throws Exception {
    XMPPTCPConnection c = server.login(user, resource);
    // The initial presence is processed before this answer, so bare-JID messages can arrive.
    assertTrue(PingManager.getInstanceFor(c).pingMyServer());
    return c;
  }

  private static void send(XMPPTCPConnection from, String to, String body) throws Exception {
    from.sendStanza(from.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.entityBareFrom(to)).ofType(Message.Type.chat).setBody(body).build());
  }

  @Test
  void blockedContactGetsAnErrorUntilUnblocked() throws Exception {
    XMPPTCPConnection alice = login("alice", "desk");
    XMPPTCPConnection bob = login("bob", "phone");
    BlockingCommandManager blocking = BlockingCommandManager.getInstanceFor(alice);
    assertTrue(blocking.isSupportedByServer());
    assertTrue(blocking.getBlockList().isEmpty());

    BlockingQueue<Message> aliceInbox = new LinkedBlockingQueue<>();
    alice.addSyncStanzaListener(s -> aliceInbox.add((Message) s), StanzaTypeFilter.MESSAGE);
    BlockingQueue<Message> bobInbox = new LinkedBlockingQueue<>();
    bob.addSyncStanzaListener(s -> bobInbox.add((Message) s), StanzaTypeFilter.MESSAGE);

    Jid bobJid = JidCreate.entityBareFrom("bob@localhost");
    blocking.blockContacts(List.of(bobJid));
    // Like the unblock push below: Smack may apply the block push after the IQ result.
    long blockDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (blocking.getBlockList().isEmpty() && System.nanoTime() < blockDeadline) {
      Thread.sleep(20);
    }
    assertEquals(List.of(bobJid), blocking.getBlockList());

    send(bob, "alice@localhost", "are you there?");
    Message error = bobInbox.poll(10, TimeUnit.SECONDS);
    assertEquals(Message.Type.error, error.getType());
    assertEquals(StanzaError.Condition.service_unavailable, error.getError().getCondition());
    assertNull(aliceInbox.poll(300, TimeUnit.MILLISECONDS), "alice received a blocked message");

    send(alice, "bob@localhost", "blocked by me");
    Message own = aliceInbox.poll(10, TimeUnit.SECONDS);
    assertEquals(StanzaError.Condition.not_acceptable, own.getError().getCondition());
    assertTrue(own.getError().getExtension("blocked", "urn:xmpp:blocking:errors") != null,
        own.toXML().toString());

    blocking.unblockContacts(List.of(bobJid));
    // Smack applies the unblock push on its own thread, possibly after the IQ result.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!blocking.getBlockList().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(blocking.getBlockList().isEmpty());
    send(bob, "alice@localhost", "now?");
    assertEquals("now?", aliceInbox.poll(10, TimeUnit.SECONDS).getBody());
  }
}
