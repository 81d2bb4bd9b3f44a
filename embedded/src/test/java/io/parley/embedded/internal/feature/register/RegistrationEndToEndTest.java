package io.parley.embedded.internal.feature.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.parts.Localpart;

/** XEP-0077 with Smack's AccountManager over STARTTLS: create, log in, change, delete. */
@Tag("e2e")
class RegistrationEndToEndTest {
  @RegisterExtension
  static final ParleyServerExtension server =
      new ParleyServerExtension(b -> b.allowRegistration(true));

  private final List<XMPPTCPConnection> connections = new ArrayList<>();

  @AfterEach
  void disconnect() {
    connections.forEach(XMPPTCPConnection::disconnect);
  }

  private XMPPTCPConnection connect(String user, String password) throws Exception {
    XMPPTCPConnectionConfiguration.Builder config = XMPPTCPConnectionConfiguration.builder()
        .setXmppDomain(ParleyServerExtension.DOMAIN)
        .setHostAddress(InetAddress.getLoopbackAddress())
        .setPort(server.tcpPort())
        .setSecurityMode(SecurityMode.required)
        .setCustomX509TrustManager(server.trustManager())
        .addEnabledSaslMechanism("SCRAM-SHA-1");
    if (user != null) {
      config.setUsernameAndPassword(user, password);
    }
    XMPPTCPConnection c = new XMPPTCPConnection(config.build());
    c.setReplyTimeout(10_000);
    connections.add(c);
    c.connect();
    assertTrue(c.isSecureConnection(), "STARTTLS negotiated");
    return c;
  }

  @Test
  void accountLifecycleWithSmacksAccountManager() throws Exception {
    XMPPTCPConnection c = connect(null, null);
    AccountManager accounts = AccountManager.getInstance(c);
    assertTrue(accounts.supportsAccountCreation(), "register stream feature seen");
    assertTrue(accounts.getAccountAttributes().containsAll(List.of("username", "password")));
    accounts.createAccount(Localpart.from("dave"), "first");
    XMPPException.XMPPErrorException taken = assertThrows(XMPPException.XMPPErrorException.class,
        () -> accounts.createAccount(Localpart.from("alice"), "x"));
    assertEquals(StanzaError.Condition.conflict, taken.getStanzaError().getCondition());

    c.login("dave", "first");
    assertTrue(ServiceDiscoveryManager.getInstanceFor(c)
        .serverSupportsFeature("jabber:iq:register"));
    accounts.changePassword("second");
    XMPPTCPConnection again = connect("dave", "second");
    again.login();
    assertTrue(again.isAuthenticated());

    CountDownLatch ended = new CountDownLatch(1);
    again.addConnectionListener(new ConnectionListener() {
      @Override
      public void connectionClosedOnError(Exception e) {
        ended.countDown();
      }
    });
    try {
      accounts.deleteAccount();
    } catch (SmackException.NotConnectedException e) {
      // COMPAT: Smack's StanzaCollector gives up waiting once the connection has failed, even if
      // the result arrived just before the stream error; the byte-level test shows the order.
      assertTrue(e.getCause() instanceof XMPPException.StreamErrorException, e.toString());
    }
    assertTrue(ended.await(10, TimeUnit.SECONDS), "the other session ended");
    awaitDisconnected(c);
    XMPPTCPConnection gone = connect("dave", "second");
    assertThrows(SASLErrorException.class, gone::login);
  }

  private static void awaitDisconnected(AbstractXMPPConnection c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (c.isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(20); // polling Smack's state: it offers no future for the stream end
    }
    assertFalse(c.isConnected(), "the requesting session ended");
  }
}
