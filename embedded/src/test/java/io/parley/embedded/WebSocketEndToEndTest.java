package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XMPP over WebSocket with real clients: Smack 4.5's WebSocket module chatting with Smack over
 * TCP through one router, and the JDK's WebSocket client over {@code wss://} on the TLS port.
 */
@Tag("e2e")
class WebSocketEndToEndTest {
  // tlsRequired stays on: ws:// counts as secure only because the server is told so (a proxy
  // terminating TLS in front, Prosody's consider_websocket_secure).
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension(
      b -> b.httpPort(0).httpsPort(0).webSocketConsideredSecure(true));

  private ModularXmppClientToServerConnection web;

  @AfterEach
  void disconnect() {
    if (web != null) {
      web.disconnect();
    }
  }

  static ModularXmppClientToServerConnection webSocketClient(String url, String user,
      String resource) throws Exception {
    ModularXmppClientToServerConnectionConfiguration.Builder b =
        ModularXmppClientToServerConnectionConfiguration.builder()
            .setXmppDomain(ParleyServerExtension.DOMAIN)
            .setUsernameAndPassword(user, ParleyServerExtension.PASSWORD)
            .setResource(resource)
            .setSecurityMode(SecurityMode.disabled)
            .addEnabledSaslMechanism("SCRAM-SHA-1");
    b.removeAllModules();
    XmppWebSocketTransportModuleDescriptor.Builder ws =
        XmppWebSocketTransportModuleDescriptor.getBuilder(b);
    ws.explicitlySetWebSocketEndpointAndDiscovery(url, false);
    b.addModule(ws.build());
    ModularXmppClientToServerConnection c = new ModularXmppClientToServerConnection(b.build());
    c.setReplyTimeout(10_000);
    return c;
  }

  private String wsUrl() {
    return "ws://127.0.0.1:" + server.parley().httpPort() + "/xmpp-websocket";
  }

  @Test
  void smackOverWebSocketAndSmackOverTcpChat() throws Exception {
    XMPPTCPConnection alice = server.login("alice", "desk");
    web = webSocketClient(wsUrl(), "bob", "browser");
    web.connect().login();
    assertTrue(web.isAuthenticated());

    BlockingQueue<Message> atBob = new LinkedBlockingQueue<>();
    BlockingQueue<Message> atAlice = new LinkedBlockingQueue<>();
    web.addAsyncStanzaListener(s -> atBob.add((Message) s), s -> s instanceof Message);
    alice.addAsyncStanzaListener(s -> atAlice.add((Message) s), s -> s instanceof Message);

    alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from("bob@localhost/browser")).ofType(Message.Type.chat)
        .setBody("over TCP").build());
    Message got = atBob.poll(15, TimeUnit.SECONDS);
    assertEquals("over TCP", got == null ? null : got.getBody());
    assertEquals("alice@localhost/desk", got.getFrom().toString());

    web.sendStanza(web.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from("alice@localhost/desk")).ofType(Message.Type.chat)
        .setBody("over WebSocket").build());
    Message reply = atAlice.poll(15, TimeUnit.SECONDS);
    assertEquals("over WebSocket", reply == null ? null : reply.getBody());
    assertEquals("bob@localhost/browser", reply.getFrom().toString());
  }

  @Test
  void secureWebSocketOnTheTlsPortNegotiates() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(server.sslContext())
        .connectTimeout(Duration.ofSeconds(10)).build();
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket ws = http.newWebSocketBuilder().subprotocols("xmpp")
        .buildAsync(URI.create("wss://localhost:" + server.parley().httpsPort()
            + "/xmpp-websocket"), new WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket webSocket, CharSequence data,
                  boolean last) {
                text.append(data);
                if (last) {
                  received.add(text.toString());
                  text.setLength(0);
                }
                webSocket.request(1);
                return null;
              }
            }).get(15, TimeUnit.SECONDS);
    assertEquals("xmpp", ws.getSubprotocol());
    ws.sendText("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost'"
        + " version='1.0'/>", true).get(15, TimeUnit.SECONDS);
    String open = received.poll(15, TimeUnit.SECONDS);
    assertTrue(open != null && open.startsWith("<open"), String.valueOf(open));
    String features = received.poll(15, TimeUnit.SECONDS);
    assertTrue(features != null && features.contains("SCRAM-SHA-1")
        && !features.contains("starttls"), String.valueOf(features));
    ws.sendText("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>", true)
        .get(15, TimeUnit.SECONDS);
    String close = received.poll(15, TimeUnit.SECONDS);
    assertTrue(close != null && close.startsWith("<close"), String.valueOf(close));
    ws.abort();
  }

  @Test
  void hostMetaOverHttpsListsBothEndpoints() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(server.sslContext()).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:"
        + server.parley().httpsPort() + "/.well-known/host-meta.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("\"wss://localhost:" + server.parley().httpsPort()
        + "/xmpp-websocket\""), r.body());
    assertTrue(r.body().contains("\"ws://localhost:" + server.parley().httpPort()
        + "/xmpp-websocket\""), r.body());
  }
}
