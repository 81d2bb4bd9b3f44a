package io.parley.embedded.internal.feature.vcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;


import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0054 with Smack's VCardManager against a real server. */
@Tag("e2e")
class VCardEndToEndTest {
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension();



  private XMPPTCPConnection login(String user) throws Exception {
    return server.login(user, "vcard");
  }

  @Test
  void aliceSavesHerVCardAndBobReadsIt() throws Exception {
    XMPPTCPConnection alice = login("alice");
    VCardManager aliceCards = VCardManager.getInstanceFor(alice);
    assertTrue(aliceCards.isSupported(JidCreate.bareFrom(ParleyServerExtension.DOMAIN)));
    assertNull(aliceCards.loadVCard().getFirstName(), "no vCard yet: an empty one");

    VCard card = new VCard();
    card.setFirstName("Alice");
    card.setLastName("Liddell");
    card.setNickName("ali");
    card.setEmailHome("alice@example.org");
    aliceCards.saveVCard(card);
    assertEquals("Liddell", aliceCards.loadVCard().getLastName());

    XMPPTCPConnection bob = login("bob");
    VCard read = VCardManager.getInstanceFor(bob)
        .loadVCard(JidCreate.entityBareFrom("alice@" + ParleyServerExtension.DOMAIN));
    assertEquals("Alice", read.getFirstName());
    assertEquals("ali", read.getNickName());
    assertEquals("alice@example.org", read.getEmailHome());
  }

  @Test
  void aMissingVCardOfAnotherUserIsItemNotFound() throws Exception {
    XMPPTCPConnection bob = login("bob");
    XMPPErrorException e = assertThrows(XMPPErrorException.class, () ->
        VCardManager.getInstanceFor(bob)
            .loadVCard(JidCreate.entityBareFrom("carol@" + ParleyServerExtension.DOMAIN)));
    assertEquals(StanzaError.Condition.item_not_found, e.getStanzaError().getCondition());
  }
}
