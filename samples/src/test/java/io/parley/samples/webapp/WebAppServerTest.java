package io.parley.samples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.websocket.XmppWebSocketTransportModuleDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The web app without a browser: its login, token and JSON calls over HTTP, and Smack over the
 * app's own WebSocket logging in with the tokens the app hands out.
 */
@Tag("e2e")
class WebAppServerTest {
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([A-Za-z0-9_-]+)\"");
  private static WebAppServer app;
  private final List<ModularXmppClientToServerConnection> connections = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    app = WebAppServer.start(0);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @AfterEach
  void disconnect() {
    connections.forEach(ModularXmppClientToServerConnection::disconnect);
  }

  private static HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager())
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.url() + path.substring(1)))
        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient http, String path, String form)
      throws Exception {
    return post(app, http, path, form);
  }

  private static HttpResponse<String> post(WebAppServer app, HttpClient http, String path,
      String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(app.url() + path.substring(1)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .timeout(Duration.ofSeconds(15))
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient loggedIn(String user) throws Exception {
    return loggedIn(app, user);
  }

  /** An HTTP client with the session cookie of {@code user}. */
  static HttpClient loggedIn(WebAppServer app, String user) throws Exception {
    HttpClient http = browser();
    HttpResponse<String> login = post(app, http, "/login", "username=" + user + "&password=demo");
    assertEquals(302, login.statusCode());
    return http;
  }

  private static String token(HttpClient http) throws Exception {
    return token(http, app);
  }

  /** A fresh XMPP login token for the logged-in {@code http} client. */
  static String token(HttpClient http, WebAppServer app) throws Exception {
    HttpResponse<String> resp = post(app, http, "/api/token", "");
    assertEquals(200, resp.statusCode(), resp.body());
    Matcher m = TOKEN.matcher(resp.body());
    assertTrue(m.find(), resp.body());
    return m.group(1);
  }

  private ModularXmppClientToServerConnection xmpp(String user, String token) throws Exception {
    ModularXmppClientToServerConnectionConfiguration.Builder b =
        ModularXmppClientToServerConnectionConfiguration.builder()
            .setXmppDomain(WebAppServer.DOMAIN)
            .setUsernameAndPassword(user, token)
            .setResource("smack")
            .setSecurityMode(SecurityMode.disabled)
            .addEnabledSaslMechanism("PLAIN");
    b.removeAllModules();
    XmppWebSocketTransportModuleDescriptor.Builder ws =
        XmppWebSocketTransportModuleDescriptor.getBuilder(b);
    ws.explicitlySetWebSocketEndpointAndDiscovery(
        "ws://127.0.0.1:" + app.port() + WebAppServer.WEBSOCKET_PATH, false);
    b.addModule(ws.build());
    ModularXmppClientToServerConnection c = new ModularXmppClientToServerConnection(b.build());
    c.setReplyTimeout(15_000);
    connections.add(c);
    c.connect();
    c.login();
    return c;
  }

  @Test
  void nothingWithoutLoggingIn() throws Exception {
    HttpClient http = browser();
    assertEquals(401, get(http, "/api/me").statusCode());
    assertEquals(401, post(http, "/api/token", "").statusCode());
    assertTrue(get(http, "/").body().contains("action=\"/login\""), "the login form");
    HttpResponse<String> wrong = post(http, "/login", "username=alice&password=nope");
    assertEquals("/?error=1", URI.create(wrong.headers().firstValue("Location").orElseThrow())
        .toString().replaceFirst("^http://[^/]+", ""));
    assertEquals(401, get(http, "/api/me").statusCode());
  }

  @Test
  void theLoggedInPageGetsItsIdentityAndTokens() throws Exception {
    HttpClient http = loggedIn("alice");
    HttpResponse<String> me = get(http, "/api/me");
    assertEquals(200, me.statusCode());
    assertTrue(me.body().contains("\"jid\":\"alice@localhost\""), me.body());
    assertTrue(me.body().contains("\"websocketPath\":\"/xmpp\""), me.body());
    assertTrue(get(http, "/").body().contains("strophe.umd.min.js"), "the app page");
    assertEquals(200, get(http, "/static/strophe.umd.min.js").statusCode());
    assertEquals(404, get(http, "/static/WebAppServer.class").statusCode(), "static files only");
    assertTrue(get(http, "/static/..%2FWebAppServer.class").statusCode() >= 400, "no way out");
    assertEquals(302, post(http, "/logout", "").statusCode());
    assertEquals(401, get(http, "/api/me").statusCode());
  }

  @Test
  void boshIsServedOnTheAppsOwnPortAsTheFallback() throws Exception {
    String body = "<body xmlns='http://jabber.org/protocol/httpbind' rid='1' to='"
        + WebAppServer.DOMAIN + "' wait='10' hold='1' xml:lang='en' xmpp:version='1.0'"
        + " xmlns:xmpp='urn:xmpp:xbosh'/>";
    HttpResponse<String> created = browser().send(HttpRequest.newBuilder(
            URI.create(app.url() + WebAppServer.BOSH_PATH.substring(1)))
        .timeout(Duration.ofSeconds(15))
        .header("Content-Type", "text/xml; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, created.statusCode());
    assertTrue(created.body().contains("sid="), created.body());
    // Loopback BOSH counts as secure, so the page's token login (PLAIN) is offered.
    assertTrue(created.body().contains(">PLAIN<"), created.body());
  }

  @Test
  void pagesFromOtherSitesCannotOpenTheWebSocket() throws Exception {
    URI ws = URI.create("ws://127.0.0.1:" + app.port() + WebAppServer.WEBSOCKET_PATH);
    WebSocket.Listener quiet = new WebSocket.Listener() { };
    CompletionException refused = assertThrows(CompletionException.class, () ->
        browser().newWebSocketBuilder().subprotocols("xmpp")
            .header("Origin", "http://evil.example").buildAsync(ws, quiet).join());
    assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
    WebSocket own = browser().newWebSocketBuilder().subprotocols("xmpp")
        .header("Origin", "http://127.0.0.1:" + app.port()).buildAsync(ws, quiet)
        .get(15, TimeUnit.SECONDS);
    assertEquals("xmpp", own.getSubprotocol());
    own.abort();
  }

  @Test
  void aTokenLogsInOnceAndOnlyAsItsOwner() throws Exception {
    HttpClient alice = loggedIn("alice");
    String token = token(alice);
    xmpp("alice", token);
    assertThrows(SASLErrorException.class, () -> xmpp("alice", token), "single use");
    assertThrows(SASLErrorException.class, () -> xmpp("bob", token(alice)),
        "alice's token is not bob's");
    assertThrows(SASLErrorException.class, () -> xmpp("alice", "demo"),
        "the web app password is not an XMPP secret");
  }

  @Test
  void theTeamIsTheRosterAndTeammatesChat() throws Exception {
    ModularXmppClientToServerConnection alice = xmpp("alice", token(loggedIn("alice")));
    ModularXmppClientToServerConnection bob = xmpp("bob", token(loggedIn("bob")));
    Roster roster = Roster.getInstanceFor(alice);
    roster.reloadAndWait();
    Map<String, String> entries = new TreeMap<>();
    for (RosterEntry e : roster.getEntries()) {
      entries.put(e.getJid().toString(), e.getName() + "/" + e.getType());
    }
    assertEquals(Map.of("bob@localhost", "Bob Baker/both", "carol@localhost", "Carol Chen/both"),
        entries, "everyone in Design, nobody from Sales");

    BlockingQueue<Message> atBob = new LinkedBlockingQueue<>();
    bob.addAsyncStanzaListener(s -> atBob.add((Message) s), s -> s instanceof Message);
    alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from("bob@localhost")).ofType(Message.Type.chat)
        .setBody("hello from the team").build());
    Message got = atBob.poll(15, TimeUnit.SECONDS);
    assertEquals("hello from the team", got == null ? null : got.getBody());
  }
}
