package io.parley.embedded.internal.feature.carbons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.io.IOException;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.SimpleIQ;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0280 with Smack over TCP. Smack's CarbonManager lives in smack-experimental, which the
 * build does not depend on, so the enable IQ is sent as a plain IQ and the copies are read by a
 * small provider (Smack's generic one trips an assertion on default namespace declarations).
 */
@Tag("e2e")
class CarbonsEndToEndTest {
  private static final String NS = "urn:xmpp:carbons:2";

  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension();



  private XMPPTCPConnection login(String user, String resource) throws Exception {
    XMPPTCPConnection c = server.login(user, resource);
    assertTrue(PingManager.getInstanceFor(c).pingMyServer());
    return c;
  }

  private static final class Enable extends SimpleIQ {
    Enable() {
      super("enable", NS);
      setType(IQ.Type.set);
    }
  }

  /** A carbon as the test sees it: the direction and the forwarded message's body. */
  private record Copy(String direction, String forwardedBody) implements ExtensionElement {
    @Override
    public String getNamespace() {
      return NS;
    }

    @Override
    public String getElementName() {
      return direction;
    }

    @Override
    public CharSequence toXML(XmlEnvironment environment) {
      return "<" + direction + " xmlns='" + NS + "'/>"; // never sent
    }
  }

  private static final class CopyProvider extends ExtensionElementProvider<Copy> {
    @Override
    public Copy parse(XmlPullParser parser, int depth, XmlEnvironment environment)
        throws XmlPullParserException, IOException {
      String direction = parser.getName();
      String body = null;
      while (!(parser.next() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)) {
        if (parser.getEventType() == XmlPullParser.Event.START_ELEMENT
            && parser.getName().equals("body") && body == null) {
          parser.next();
          body = parser.getText();
        }
      }
      return new Copy(direction, body);
    }
  }

  @BeforeAll
  static void registerProvider() {
    ProviderManager.addExtensionProvider("sent", NS, new CopyProvider());
    ProviderManager.addExtensionProvider("received", NS, new CopyProvider());
  }

  @AfterAll
  static void removeProvider() {
    ProviderManager.removeExtensionProvider("sent", NS);
    ProviderManager.removeExtensionProvider("received", NS);
  }

  private static String forwardedBody(Message carbon, String direction) {
    Copy copy = (Copy) carbon.getExtensionElement(direction, NS);
    assertNotNull(copy, carbon.toXML().toString());
    return copy.forwardedBody();
  }

  @Test
  void otherResourceSeesSentAndReceivedCopies() throws Exception {
    XMPPTCPConnection desk = login("alice", "desk");
    XMPPTCPConnection phone = login("alice", "phone");
    XMPPTCPConnection bob = login("bob", "home");
    assertTrue(ServiceDiscoveryManager.getInstanceFor(phone).serverSupportsFeature(NS));
    phone.sendIqRequestAndWaitForResponse(new Enable());

    BlockingQueue<Message> phoneInbox = new LinkedBlockingQueue<>();
    phone.addSyncStanzaListener(s -> phoneInbox.add((Message) s), StanzaTypeFilter.MESSAGE);
    BlockingQueue<Message> bobInbox = new LinkedBlockingQueue<>();
    bob.addSyncStanzaListener(s -> bobInbox.add((Message) s), StanzaTypeFilter.MESSAGE);

    desk.sendStanza(desk.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.entityBareFrom("bob@localhost")).ofType(Message.Type.chat)
        .setBody("from the desk").build());
    assertEquals("from the desk", bobInbox.poll(10, TimeUnit.SECONDS).getBody());
    Message sent = phoneInbox.poll(10, TimeUnit.SECONDS);
    assertEquals(JidCreate.entityBareFrom("alice@localhost"), sent.getFrom());
    assertEquals("from the desk", forwardedBody(sent, "sent"));

    bob.sendStanza(bob.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.entityFullFrom("alice@localhost/desk")).ofType(Message.Type.chat)
        .setBody("to the desk").build());
    Message received = phoneInbox.poll(10, TimeUnit.SECONDS);
    assertEquals("to the desk", forwardedBody(received, "received"));
  }
}
