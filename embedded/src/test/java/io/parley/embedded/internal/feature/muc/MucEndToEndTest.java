package io.parley.embedded.internal.feature.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** XEP-0045 with Smack's MultiUserChatManager over TCP. */
@Tag("e2e")
class MucEndToEndTest {
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension();

  @Test
  void aLockedRoomRefusesOthersUntilTheOwnerConfiguresIt() throws Exception {
    XMPPTCPConnection alice = server.login("alice", "e2e");
    XMPPTCPConnection bob = server.login("bob", "e2e");
    EntityBareJid room = JidCreate.entityBareFrom("locked@conference.localhost");
    MultiUserChat asAlice = MultiUserChatManager.getInstanceFor(alice).getMultiUserChat(room);
    MultiUserChat asBob = MultiUserChatManager.getInstanceFor(bob).getMultiUserChat(room);
    var handle = asAlice.create(Resourcepart.from("alice"));
    XMPPErrorException e = assertThrows(XMPPErrorException.class,
        () -> asBob.join(Resourcepart.from("bob")));
    assertEquals(StanzaError.Condition.item_not_found, e.getStanzaError().getCondition());
    handle.makeInstant();
    BlockingQueue<Message> got = new LinkedBlockingQueue<>();
    asBob.addMessageListener(m -> {
      if (m.getBody() != null) {
        got.add(m);
      }
    });
    asBob.join(Resourcepart.from("bob"));
    asAlice.sendMessage("hello room");
    Message m = got.poll(15, TimeUnit.SECONDS);
    assertEquals("hello room", m.getBody());
    assertEquals(JidCreate.from("locked@conference.localhost/alice"), m.getFrom());
    assertTrue(MultiUserChatManager.getInstanceFor(bob).getMucServiceDomains()
        .contains(JidCreate.domainBareFrom("conference.localhost")));
    asAlice.destroy("done", null);
  }
}
