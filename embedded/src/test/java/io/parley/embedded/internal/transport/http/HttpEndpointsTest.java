package io.parley.embedded.internal.transport.http;

import static io.parley.embedded.internal.transport.http.WebSocketHarness.http;
import static io.parley.embedded.internal.transport.http.WebSocketHarness.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.stanza.Element;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP side: XEP-0156 host-meta, CORS, and refusals of wrong paths, methods and upgrades. */
class HttpEndpointsTest {
  @TempDir Path dataDir;
  private WebSocketHarness harness;

  @BeforeEach
  void setUp() {
    harness = new WebSocketHarness(dataDir, b -> { });
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  /** Status code, lower-cased headers and body of a raw response. */
  record Response(int status, java.util.Map<String, String> headers, String body) {
    static Response parse(String raw) {
      int split = raw.indexOf("\r\n\r\n");
      String[] lines = raw.substring(0, split).split("\r\n");
      java.util.Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
          raw.substring(split + 4));
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  private Response get(String path, String extraHeaders) {
    EmbeddedChannel ch = harness.connect();
    return Response.parse(http(ch, "GET " + path + " HTTP/1.1\r\nHost: chat.example.test:5280\r\n"
        + extraHeaders + "\r\n"));
  }

  @Test
  void hostMetaListsTheWebSocketEndpointAsXrd() {
    Response r = get("/.well-known/host-meta", "");
    assertEquals(200, r.status());
    assertEquals("application/xrd+xml; charset=utf-8", r.header("content-type"));
    assertEquals("*", r.header("access-control-allow-origin"));
    Element xrd = WebSocketHarness.parseMessage(r.body());
    assertEquals(Element.builder("XRD", "http://docs.oasis-open.org/ns/xri/xrd-1.0")
        .child(Element.builder("Link", "http://docs.oasis-open.org/ns/xri/xrd-1.0")
            .attribute("rel", "urn:xmpp:alt-connections:websocket")
            .attribute("href", "ws://chat.example.test:5280/xmpp-websocket").build())
        .child(Element.builder("Link", "http://docs.oasis-open.org/ns/xri/xrd-1.0")
            .attribute("rel", "urn:xmpp:alt-connections:xbosh")
            .attribute("href", "http://chat.example.test:5280/http-bind").build())
        .build(), xrd);
  }

  @Test
  void hostMetaJsonListsTheWebSocketEndpoint() {
    Response r = get("/.well-known/host-meta.json", "");
    assertEquals(200, r.status());
    assertEquals("application/json", r.header("content-type"));
    assertEquals("{\"links\":[{\"rel\":\"urn:xmpp:alt-connections:websocket\","
        + "\"href\":\"ws://chat.example.test:5280/xmpp-websocket\"},"
        + "{\"rel\":\"urn:xmpp:alt-connections:xbosh\","
        + "\"href\":\"http://chat.example.test:5280/http-bind\"}]}", r.body());
  }

  @Test
  void configuredPublicUrlIsAdvertisedInstead(@TempDir Path dir) {
    try (WebSocketHarness proxied = new WebSocketHarness(dir,
        b -> b.webSocketUrl("wss://chat.example.test/xmpp"))) {
      Response r = Response.parse(http(proxied.connect(),
          "GET /.well-known/host-meta.json HTTP/1.1\r\nHost: x\r\n\r\n"));
      assertTrue(r.body().contains("\"href\":\"wss://chat.example.test/xmpp\""), r.body());
    }
  }

  @Test
  void unusableHostHeaderFallsBackToTheDomain() {
    Response r = get("/.well-known/host-meta.json", "").status() == 200
        ? Response.parse(http(harness.connect(),
            "GET /.well-known/host-meta.json HTTP/1.1\r\nHost: a\"b<c\r\n\r\n"))
        : null;
    assertTrue(r.body().contains("ws://example.test:5280/xmpp-websocket"), r.body());
  }

  @Test
  void preflightIsAnsweredWithCorsHeaders() {
    EmbeddedChannel ch = harness.connect();
    Response r = Response.parse(http(ch, "OPTIONS /.well-known/host-meta HTTP/1.1\r\n"
        + "Host: example.test\r\nOrigin: https://app.example\r\n"
        + "Access-Control-Request-Method: GET\r\n\r\n"));
    assertEquals(204, r.status());
    assertEquals("*", r.header("access-control-allow-origin"));
    assertEquals("GET, HEAD, OPTIONS", r.header("access-control-allow-methods"));
  }

  @Test
  void restrictedCorsEchoesOnlyListedOrigins(@TempDir Path dir) {
    try (WebSocketHarness strict = new WebSocketHarness(dir,
        b -> b.corsOrigins(List.of("https://app.example")))) {
      Response allowed = Response.parse(http(strict.connect(), "GET /.well-known/host-meta"
          + " HTTP/1.1\r\nHost: example.test\r\nOrigin: https://app.example\r\n\r\n"));
      assertEquals("https://app.example", allowed.header("access-control-allow-origin"));
      assertEquals("origin", allowed.header("vary").toLowerCase(Locale.ROOT));
      Response other = Response.parse(http(strict.connect(), "GET /.well-known/host-meta"
          + " HTTP/1.1\r\nHost: example.test\r\nOrigin: https://evil.example\r\n\r\n"));
      assertEquals(200, other.status());
      assertNull(other.header("access-control-allow-origin"));
      // The same list gates WebSocket upgrades from pages.
      Response ws = Response.parse(http(strict.connect(), upgradeRequest("/xmpp-websocket", "xmpp")
          .replace("\r\n\r\n", "\r\nOrigin: https://evil.example\r\n\r\n")));
      assertEquals(403, ws.status());
    }
  }

  @Test
  void unknownPathIs404() {
    assertEquals(404, get("/nothing-here", "").status());
  }

  @Test
  void wrongMethodsAre405WithAllow() {
    Response r = Response.parse(http(harness.connect(),
        "POST /.well-known/host-meta HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
    assertEquals(405, r.status());
    assertEquals("GET, HEAD, OPTIONS", r.header("allow"));
    Response ws = Response.parse(http(harness.connect(),
        "POST /xmpp-websocket HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"));
    assertEquals(405, ws.status());
    assertEquals("GET", ws.header("allow"));
  }

  @Test
  void plainGetAtTheWebSocketPathIs426() {
    Response r = get("/xmpp-websocket", "");
    assertEquals(426, r.status());
    assertEquals("websocket", r.header("upgrade"));
  }

  @Test
  void upgradeWithoutTheXmppSubprotocolIsRefused() {
    EmbeddedChannel ch = harness.connect();
    Response r = Response.parse(http(ch, upgradeRequest("/xmpp-websocket", null)));
    assertEquals(400, r.status());
    assertFalse(ch.isOpen());
    EmbeddedChannel other = harness.connect();
    assertEquals(400, Response.parse(http(other, upgradeRequest("/xmpp-websocket", "chat, mqtt")))
        .status());
  }

  @Test
  void upgradeOffersXmppAmongOthersAndGetsIt() {
    EmbeddedChannel ch = harness.connect();
    String raw = http(ch, upgradeRequest("/xmpp-websocket", "chat, xmpp"));
    Response r = Response.parse(raw);
    assertEquals(101, r.status());
    assertEquals("xmpp", r.header("sec-websocket-protocol"));
    assertTrue(ch.isOpen());
  }

  @Test
  void unsupportedWebSocketVersionIs426WithTheSupportedOne() {
    Response r = Response.parse(http(harness.connect(), upgradeRequest("/xmpp-websocket", "xmpp")
        .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 99")));
    assertEquals(426, r.status());
    assertEquals("13", r.header("sec-websocket-version"));
  }

  @Test
  void hostMetaIsWellFormedForTheStrictParser() {
    Response r = get("/.well-known/host-meta", "");
    assertEquals(1, XmlOutput.elements("<x>" + "</x>").size());
    assertEquals("XRD", WebSocketHarness.parseMessage(r.body()).name());
  }
}
