package io.parley.embedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.bosh.BOSHConfiguration;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** ParleyBoshServlet in Jetty 12: Smack over BOSH chats with Smack over TCP, one router. */
@Tag("e2e")
class ServletBoshTest {
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension(
      b -> b.boshConsideredSecure(true).maxStanzaBytes(4096));

  private static Server jetty;
  private static int port;
  private XMPPBOSHConnection bosh;

  @BeforeAll
  static void startJetty() throws Exception {
    jetty = jettyWithServlet("/app");
    port = portOf(jetty);
  }

  /** A started Jetty on loopback with the servlet at {@code contextPath + "/http-bind"}. */
  private static Server jettyWithServlet(String contextPath) throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(contextPath);
    context.addServlet(new ServletHolder(new ParleyBoshServlet(server.parley())), "/http-bind");
    jetty.setHandler(context);
    jetty.start();
    return jetty;
  }

  private static int portOf(Server jetty) {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** Smack over BOSH to a servlet, as {@code user} with resource "servlet", SCRAM-SHA-1. */
  private static XMPPBOSHConnection boshClient(String user, int port, String file)
      throws Exception {
    XMPPBOSHConnection c = new XMPPBOSHConnection(BOSHConfiguration.builder()
        .setXmppDomain(ParleyServerExtension.DOMAIN)
        .setHost("localhost")
        .setPort(port)
        .setUseHttps(false)
        .setFile(file)
        .setUsernameAndPassword(user, ParleyServerExtension.PASSWORD)
        .setResource("servlet")
        .setSecurityMode(SecurityMode.disabled)
        .addEnabledSaslMechanism("SCRAM-SHA-1")
        .build());
    c.setReplyTimeout(15_000);
    return c;
  }

  @AfterAll
  static void stopJetty() throws Exception {
    jetty.stop();
  }

  @AfterEach
  void disconnect() {
    if (bosh != null) {
      bosh.disconnect();
    }
  }

  @Test
  void smackInTheServletContainerAndSmackOverTcpChat() throws Exception {
    XMPPTCPConnection alice = server.login("alice", "desk");
    bosh = boshClient("bob", port, "/app/http-bind");
    bosh.connect().login();
    assertTrue(bosh.isAuthenticated());

    BlockingQueue<Message> atBob = new LinkedBlockingQueue<>();
    BlockingQueue<Message> atAlice = new LinkedBlockingQueue<>();
    bosh.addAsyncStanzaListener(s -> atBob.add((Message) s), s -> s instanceof Message);
    alice.addAsyncStanzaListener(s -> atAlice.add((Message) s), s -> s instanceof Message);
    alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from("bob@localhost/servlet")).ofType(Message.Type.chat)
        .setBody("over TCP").build());
    Message got = atBob.poll(15, TimeUnit.SECONDS);
    assertEquals("over TCP", got == null ? null : got.getBody());
    bosh.sendStanza(bosh.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from("alice@localhost/desk")).ofType(Message.Type.chat)
        .setBody("over the servlet").build());
    Message reply = atAlice.poll(15, TimeUnit.SECONDS);
    assertEquals("over the servlet", reply == null ? null : reply.getBody());
    assertEquals("bob@localhost/servlet", reply.getFrom().toString());
  }

  @Test
  void destroyingTheServletEndsItsSessions() throws Exception {
    Server own = jettyWithServlet("/own");
    XMPPBOSHConnection carol = boshClient("carol", portOf(own), "/own/http-bind");
    carol.connect().login();
    var jid = io.parley.spi.stanza.Jid.of("carol@localhost");
    assertEquals(1, awaitPresences(jid, 1));

    own.stop(); // destroys the servlet; the server stays up

    assertEquals(0, awaitPresences(jid, 0), "carol went offline with the servlet");
    assertEquals(0, server.parley().boshSessions().size());
  }

  @Test
  void unknownSidAndOversizedBodies() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://127.0.0.1:" + port + "/app/http-bind");
    HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofString("<body xmlns='http://jabber.org/protocol/"
            + "httpbind' rid='5' sid='nope'/>")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, unknown.statusCode());
    assertEquals("<body xmlns='http://jabber.org/protocol/httpbind' type='terminate'"
        + " condition='item-not-found'/>", unknown.body());
    HttpResponse<String> big = http.send(HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(413, big.statusCode());
  }

  private static int awaitPresences(io.parley.spi.stanza.Jid jid, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (server.parley().presence(jid).size() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return server.parley().presence(jid).size();
  }
}
