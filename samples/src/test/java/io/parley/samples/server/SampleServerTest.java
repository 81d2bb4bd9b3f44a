package io.parley.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.parts.Localpart;

/** Starts the sample server's logic in-process; no client connects, so no XML is needed. */
class SampleServerTest {
  @TempDir
  Path dataDir;

  @Test
  void echoBotEchoesAChatMessageToItsBareJid() throws Exception {
    var options = SampleServerOptions.parse("--demo", "--echo-bot", "--port", "0",
        "--tls-port", "0", "--data-dir", dataDir.toString());
    try (Parley parley = SampleServer.start(options)) {
      BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();
      InProcessSession alice = parley.openSession(Jid.of("alice@localhost/test"), inbox::add);

      alice.send(Message.chat(Jid.of("echo@localhost"), "hello, echo"));

      Stanza reply = inbox.poll(10, TimeUnit.SECONDS);
      assertNotNull(reply, "no echo within 10 s");
      Message echo = (Message) reply;
      assertEquals(Message.Type.CHAT, echo.type());
      assertEquals("hello, echo", echo.body());
      assertEquals(Jid.of("echo@localhost/bot"), echo.from());
      assertEquals(alice.jid(), echo.to());
    }
  }

  @Test
  void readyLineNamesTheBoundPortsAndTheAccounts() {
    var options = SampleServerOptions.parse("--demo", "--port", "0", "--tls-port", "0",
        "--data-dir", dataDir.toString());
    try (Parley parley = SampleServer.start(options)) {
      assertTrue(parley.tcpPort() > 0);
      String expected = "Parley ready: domain localhost, c2s 127.0.0.1:" + parley.tcpPort()
          + " (STARTTLS), direct TLS 127.0.0.1:" + parley.directTlsPort()
          + ", accounts alice, bob, carol";
      assertEquals(expected, SampleServer.readyLine(parley, options));
    }
  }

  @Test
  void listenersCanBeTurnedOff() {
    var options = SampleServerOptions.parse("--port", "-1", "--tls-port", "-1",
        "--data-dir", dataDir.toString());
    try (Parley parley = SampleServer.start(options)) {
      assertEquals("Parley ready: domain localhost, c2s off, direct TLS off, no accounts",
          SampleServer.readyLine(parley, options));
    }
  }

  @Test
  void allowRegistrationLetsAClientCreateAnAccountAndLogIn() throws Exception {
    var options = SampleServerOptions.parse("--allow-registration", "--port", "0",
        "--tls-port", "-1", "--data-dir", dataDir.toString());
    try (Parley parley = SampleServer.start(options)) {
      assertTrue(SampleServer.readyLine(parley, options).endsWith(", in-band registration on"));
      XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
          .setXmppDomain("localhost")
          .setHostAddress(InetAddress.getLoopbackAddress())
          .setPort(parley.tcpPort())
          .setSecurityMode(SecurityMode.required)
          .setCustomX509TrustManager(ServerCertificate.trustManager(dataDir))
          .build());
      try {
        c.connect();
        AccountManager.getInstance(c).createAccount(Localpart.from("dave"), "secret");
        c.login("dave", "secret");
        assertTrue(c.isAuthenticated());
      } finally {
        c.disconnect();
      }
    }
  }
}
