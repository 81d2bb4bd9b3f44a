package io.parley.embedded.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The servlet adapter in embedded Jetty 12: a web app at {@code /app} serves XMPP over WebSocket
 * at {@code /app/xmpp} on Jetty's port, while Parley has no HTTP listener of its own.
 */
@Tag("e2e")
class ServletWebSocketTest {
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension(
      b -> b.webSocketConsideredSecure(true).maxStanzaBytes(4096));

  private static Server jetty;
  private static int port;
  private ModularXmppClientToServerConnection web;

  @BeforeAll
  static void startJetty() throws Exception {
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/app");
    jetty.setHandler(context);
    JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
        container.addEndpoint(ParleyWebSocket.endpointConfig(server.parley(), "/xmpp")));
    jetty.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  static void stopJetty() throws Exception {
    jetty.stop();
  }

  @AfterEach
  void disconnect() {
    if (web != null) {
      web.disconnect();
    }
  }

  @Test
  void smackInTheServletContainerAndSmackOverTcpChat() throws Exception {
    assertEquals(-1, server.parley().httpPort(), "Parley's own HTTP listener is off");
    XMPPTCPConnection alice = server.login("alice", "desk");
    ModularXmppClientToServerConnectionConfiguration.Builder b =
        ModularXmppClientToServerConnectionConfiguration.builder()
            .setXmppDomain(ParleyServerExtension.DOMAIN)
            .setUsernameAndPassword("bob", ParleyServerExtension.PASSWORD)
            .setResource("webapp")
            .setSecurityMode(SecurityMode.disabled)
            .addEnabledSaslMechanism("SCRAM-SHA-1");
    b.removeAllModules();
    XmppWebSocketTransportModuleDescriptor.Builder ws =
        XmppWebSocketTransportModuleDescriptor.getBuilder(b);
    ws.explicitlySetWebSocketEndpointAndDiscovery("ws://127.0.0.1:" + port + "/app/xmpp", false);
    b.addModule(ws.build());
    web = new ModularXmppClientToServerConnection(b.build());
    web.setReplyTimeout(10_000);
    web.connect().login();

    BlockingQueue<Message> atBob = new LinkedBlockingQueue<>();
    BlockingQueue<Message> atAlice = new LinkedBlockingQueue<>();
    web.addAsyncStanzaListener(s -> atBob.add((Message) s), s -> s instanceof Message);
    alice.addAsyncStanzaListener(s -> atAlice.add((Message) s), s -> s instanceof Message);
    alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from("bob@localhost/webapp")).ofType(Message.Type.chat)
        .setBody("to the web app").build());
    Message got = atBob.poll(15, TimeUnit.SECONDS);
    assertEquals("to the web app", got == null ? null : got.getBody());
    web.sendStanza(web.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from("alice@localhost/desk")).ofType(Message.Type.chat)
        .setBody("from the web app").build());
    Message reply = atAlice.poll(15, TimeUnit.SECONDS);
    assertEquals("from the web app", reply == null ? null : reply.getBody());
    assertEquals("bob@localhost/webapp", reply.getFrom().toString());
  }

  /** A raw client: every text message, and the close status. */
  private static final class Recorder implements WebSocket.Listener {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        texts.add(text.toString());
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }
  }

  private static WebSocket connect(Recorder recorder, String... subprotocols) throws Exception {
    WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
    if (subprotocols.length > 0) {
      b.subprotocols(subprotocols[0]);
    }
    return b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/app/xmpp"), recorder)
        .get(15, TimeUnit.SECONDS);
  }

  @Test
  void openAndBadFramingGetTheSameAnswersAsTheNettyListener() throws Exception {
    Recorder r = new Recorder();
    WebSocket ws = connect(r, "xmpp");
    assertEquals("xmpp", ws.getSubprotocol());
    ws.sendText("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost'"
        + " version='1.0'/>", true).get(15, TimeUnit.SECONDS);
    String open = r.texts.poll(15, TimeUnit.SECONDS);
    assertTrue(open != null && open.startsWith("<open"), String.valueOf(open));
    String features = r.texts.poll(15, TimeUnit.SECONDS);
    assertTrue(features != null && features.contains("SCRAM-SHA-1"), String.valueOf(features));
    ws.sendText("<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>", true)
        .get(15, TimeUnit.SECONDS);
    String error = r.texts.poll(15, TimeUnit.SECONDS);
    assertTrue(error != null && error.contains("<not-well-formed"), String.valueOf(error));
    String close = r.texts.poll(15, TimeUnit.SECONDS);
    assertTrue(close != null && close.startsWith("<close"), String.valueOf(close));
    assertEquals(1000, r.closed.get(15, TimeUnit.SECONDS));
  }

  @Test
  void oversizedMessageIsPolicyViolationWithStatus1009() throws Exception {
    Recorder r = new Recorder();
    WebSocket ws = connect(r, "xmpp");
    ws.sendText("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost'"
        + " version='1.0'/>", true).get(15, TimeUnit.SECONDS);
    r.texts.poll(15, TimeUnit.SECONDS);
    r.texts.poll(15, TimeUnit.SECONDS);
    ws.sendText("<message xmlns='jabber:client'><body>" + "x".repeat(5000)
        + "</body></message>", true).get(15, TimeUnit.SECONDS);
    String error = r.texts.poll(15, TimeUnit.SECONDS);
    assertTrue(error != null && error.contains("<policy-violation"), String.valueOf(error));
    assertEquals(1009, r.closed.get(15, TimeUnit.SECONDS));
  }

  @Test
  void clientWithoutTheXmppSubprotocolIsClosedWithProtocolError() throws Exception {
    Recorder r = new Recorder();
    connect(r);
    assertEquals(1002, r.closed.get(15, TimeUnit.SECONDS));
  }
}
