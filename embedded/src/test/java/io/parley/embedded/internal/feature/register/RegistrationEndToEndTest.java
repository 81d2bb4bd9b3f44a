package io.parley.embedded.internal.feature.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.storage.memory.InMemoryRosterStore;
import io.parley.embedded.testing.ParleyServerExtension;
import org.jivesoftware.smack.roster.Roster;
import org.jxmpp.jid.impl.JidCreate;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.parts.Localpart;

/** XEP-0077 with Smack's AccountManager over STARTTLS: create, log in, change, delete. */
@Tag("e2e")
class RegistrationEndToEndTest {
  static final InMemoryRosterStore rosters = new InMemoryRosterStore();

  @RegisterExtension
  static final ParleyServerExtension server =
      new ParleyServerExtension(b -> b.allowRegistration(true).rosterStore(rosters));



  private XMPPTCPConnection connect(String user, String password) throws Exception {
    XMPPTCPConnectionConfiguration.Builder config = server.smack()
        .addEnabledSaslMechanism("SCRAM-SHA-1");
    if (user != null) {
      config.setUsernameAndPassword(user, password);
    }
    XMPPTCPConnection c = server.connect(config.build());
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
    Roster.getInstanceFor(c).createItem(JidCreate.bareFrom("alice@localhost"), "Alice", null);
    io.parley.spi.stanza.Jid dave = io.parley.spi.stanza.Jid.of("dave@localhost");
    assertEquals(1, rosters.items(dave).size());
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
    CountDownLatch requesterEnded = new CountDownLatch(1);
    c.addConnectionListener(new ConnectionListener() {
      @Override
      public void connectionClosedOnError(Exception e) {
        requesterEnded.countDown();
      }
    });
    accounts.deleteAccount();
    assertTrue(ended.await(10, TimeUnit.SECONDS), "the other session ended");
    // A requester that does not close its stream is ended after the grace period.
    assertTrue(requesterEnded.await(AccountRemovals.GRACE_SECONDS + 10, TimeUnit.SECONDS),
        "the requesting session ended");
    XMPPTCPConnection gone = connect("dave", "second");
    assertThrows(SASLErrorException.class, gone::login);
    assertTrue(rosters.items(dave).isEmpty(), "the deleted account's roster is gone too");
  }
}
