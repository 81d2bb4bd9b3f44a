package io.parley.embedded.internal.feature.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0160 with a real client: Smack receives what was sent while it was offline. */
@Tag("e2e")
class OfflineEndToEndTest {
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension();



  private XMPPTCPConnection connect(String user, String resource) throws Exception {
    return server.connect(server.smack(user, resource).addEnabledSaslMechanism("SCRAM-SHA-1")
        .build());
  }

  @Test
  void messagesSentWhileOfflineArriveInOrderWithDelayStamps() throws Exception {
    XMPPTCPConnection alice = connect("alice", "desk");
    alice.login();
    for (String body : List.of("one", "two", "three")) {
      alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
          .to(JidCreate.entityBareFrom("bob@" + ParleyServerExtension.DOMAIN))
          .ofType(Message.Type.chat)
          .setBody(body)
          .build());
    }
    // The server handles a session's stanzas in order: once the ping is answered, the three
    // messages have been handed to offline storage.
    assertTrue(PingManager.getInstanceFor(alice).pingMyServer());

    XMPPTCPConnection bob = connect("bob", "phone");
    List<Message> received = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch three = new CountDownLatch(3);
    // Synchronous listeners see stanzas in arrival order; added before login (which sends the
    // initial presence that releases the stored messages).
    bob.addSyncStanzaListener(s -> {
      received.add((Message) s);
      three.countDown();
    }, StanzaTypeFilter.MESSAGE);
    bob.login();
    assertTrue(three.await(10, TimeUnit.SECONDS), "received " + received);

    assertEquals(List.of("one", "two", "three"), received.stream().map(Message::getBody).toList());
    for (Message m : received) {
      assertEquals("alice@localhost/desk", m.getFrom().toString());
      DelayInformation delay = DelayInformation.from(m);
      assertNotNull(delay, m.toXML().toString());
      assertEquals(ParleyServerExtension.DOMAIN, delay.getFrom());
      assertNotNull(delay.getStamp());
    }
  }

  @Test
  void serverAdvertisesMsgoffline() throws Exception {
    XMPPTCPConnection carol = connect("carol", "laptop");
    carol.login();
    assertTrue(ServiceDiscoveryManager.getInstanceFor(carol)
        .serverSupportsFeature("msgoffline"));
  }
}
