package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.bosh.BOSHConfiguration;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** BOSH with a real client: Smack's BOSH connection chatting with Smack over TCP. */
@Tag("e2e")
class BoshEndToEndTest {
  // tlsRequired stays on: http:// counts as secure only because the server is told so.
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension(
      b -> b.httpPort(0).boshConsideredSecure(true));

  private XMPPBOSHConnection bosh;

  @AfterEach
  void disconnect() {
    if (bosh != null) {
      bosh.disconnect();
    }
  }

  @Test
  void smackOverBoshAndSmackOverTcpChat() throws Exception {
    XMPPTCPConnection alice = server.login("alice", "desk");
    bosh = new XMPPBOSHConnection(BOSHConfiguration.builder()
        .setXmppDomain(ParleyServerExtension.DOMAIN)
        .setHost("localhost")
        .setPort(server.parley().httpPort())
        .setUseHttps(false)
        .setFile("/http-bind")
        .setUsernameAndPassword("bob", ParleyServerExtension.PASSWORD)
        .setResource("bosh")
        .setSecurityMode(SecurityMode.disabled)
        .addEnabledSaslMechanism("SCRAM-SHA-1")
        .build());
    bosh.setReplyTimeout(15_000);
    bosh.connect().login();
    assertTrue(bosh.isAuthenticated());

    BlockingQueue<Message> atBob = new LinkedBlockingQueue<>();
    BlockingQueue<Message> atAlice = new LinkedBlockingQueue<>();
    bosh.addAsyncStanzaListener(s -> atBob.add((Message) s), s -> s instanceof Message);
    alice.addAsyncStanzaListener(s -> atAlice.add((Message) s), s -> s instanceof Message);

    alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from("bob@localhost/bosh")).ofType(Message.Type.chat)
        .setBody("over TCP").build());
    Message got = atBob.poll(15, TimeUnit.SECONDS);
    assertEquals("over TCP", got == null ? null : got.getBody());
    assertEquals("alice@localhost/desk", got.getFrom().toString());

    bosh.sendStanza(bosh.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from("alice@localhost/desk")).ofType(Message.Type.chat)
        .setBody("over BOSH").build());
    Message reply = atAlice.poll(15, TimeUnit.SECONDS);
    assertEquals("over BOSH", reply == null ? null : reply.getBody());
    assertEquals("bob@localhost/bosh", reply.getFrom().toString());
  }
}
