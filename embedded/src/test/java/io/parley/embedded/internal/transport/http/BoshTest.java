package io.parley.embedded.internal.transport.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.parley.embedded.testing.ScramClient;
import io.parley.spi.stanza.Element;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0124/XEP-0206 over the real HTTP pipeline: every request path, byte for byte. */
class BoshTest {
  static final String NS = "http://jabber.org/protocol/httpbind";
  static final String STREAMS = "http://etherx.jabber.org/streams";
  static final String CREATE = "<body xmlns='http://jabber.org/protocol/httpbind' rid='%d'"
      + " to='example.test' xml:lang='en' wait='120' hold='1' ver='1.11'"
      + " xmpp:version='1.0' xmlns:xmpp='urn:xmpp:xbosh'/>";

  @TempDir Path dataDir;
  private WebSocketHarness harness;

  @BeforeEach
  void setUp() {
    harness = new WebSocketHarness(dataDir, b -> b.maxStanzaBytes(4096));
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  /** One HTTP connection carrying one BOSH session's requests (pipelined, as tests may). */
  private final class Client {
    final EmbeddedChannel ch = harness.connect();
    final EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(),
        new HttpObjectAggregator(1 << 20));
    long rid = 4000;
    String sid;
    final List<FullHttpResponse> raw = new ArrayList<>();

    /** Posts raw text; returns the bodies of every response written meanwhile. */
    List<Element> postRaw(String body) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ch.writeInbound(io.netty.buffer.Unpooled.copiedBuffer("POST /http-bind HTTP/1.1\r\n"
          + "Host: example.test:5280\r\nContent-Type: text/xml; charset=utf-8\r\n"
          + "Content-Length: " + bytes.length + "\r\n\r\n", StandardCharsets.UTF_8));
      ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(bytes));
      return poll();
    }

    /** Responses written since the last look, after running what is due. */
    List<Element> poll() {
      ch.runPendingTasks();
      ch.runPendingTasks();
      Object o;
      while ((o = ch.readOutbound()) != null) {
        decoder.writeInbound(o);
      }
      List<Element> bodies = new ArrayList<>();
      while ((o = decoder.readInbound()) != null) {
        FullHttpResponse r = (FullHttpResponse) o;
        assertEquals(200, r.status().code(), r.toString());
        assertEquals("text/xml; charset=utf-8", r.headers().get("content-type"));
        bodies.add(WebSocketHarness.parseMessage(r.content().toString(StandardCharsets.UTF_8)));
        raw.add(r);
      }
      return bodies;
    }

    List<Element> post(String payload) {
      return postWith(++rid, "", payload);
    }

    List<Element> postWith(long r, String attributes, String payload) {
      return postRaw("<body xmlns='" + NS + "' rid='" + r + "' sid='" + sid + "'" + attributes
          + ">" + payload + "</body>");
    }

    Element create() {
      List<Element> out = postRaw(String.format(CREATE, rid));
      assertEquals(1, out.size(), out.toString());
      sid = out.get(0).attribute("sid");
      return out.get(0);
    }

    void advance(long seconds) {
      ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
      ch.runScheduledPendingTasks();
    }

    /** Creates, authenticates with SCRAM, restarts, binds and sends presence. */
    void login(String user, String password, String resource) {
      create();
      ScramClient scram = new ScramClient("SCRAM-SHA-1", user, password);
      Element challenge = only(post("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'"
          + " mechanism='SCRAM-SHA-1'>" + scram.clientFirst() + "</auth>"));
      assertEquals("challenge", challenge.name(), challenge.toString());
      Element success = only(post("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
          + scram.clientFinal(challenge.text()) + "</response>"));
      assertEquals("success", success.name());
      // XEP-0206 §5: the restart.
      Element features = only(postWith(++rid, " to='example.test' xml:lang='en'"
          + " xmpp:restart='true' xmlns:xmpp='urn:xmpp:xbosh'", ""));
      assertEquals("features", features.name());
      assertNotNull(features.child("bind", "urn:ietf:params:xml:ns:xmpp-bind"));
      Element bound = only(post("<iq xmlns='jabber:client' type='set' id='b'><bind"
          + " xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
          + "</resource></bind></iq>"));
      assertEquals("result", bound.attribute("type"), bound.toString());
    }
  }

  private static Element only(List<Element> bodies) {
    assertEquals(1, bodies.size(), bodies.toString());
    assertEquals(1, bodies.get(0).elements().size(), bodies.toString());
    return bodies.get(0).elements().get(0);
  }

  private static void assertTerminate(String condition, Element body) {
    assertEquals(NS, body.namespace());
    assertEquals("terminate", body.attribute("type"), body.toString());
    assertEquals(condition, body.attribute("condition"), body.toString());
  }

  @Test
  void sessionCreationResponseCarriesTheSessionAttributesAndFeatures() {
    Client c = new Client();
    Element body = c.create();
    assertEquals(NS, body.namespace());
    assertEquals(32, body.attribute("sid").length());
    assertEquals("60", body.attribute("wait"), "the client's 120 s capped to boshMaxWait");
    assertEquals("1", body.attribute("hold"));
    assertEquals("2", body.attribute("requests"));
    assertEquals("60", body.attribute("inactivity"));
    assertEquals("1.11", body.attribute("ver"));
    assertEquals("example.test", body.attribute("from"));
    assertNotNull(body.attribute("authid"));
    assertEquals("1.0", body.attribute("{urn:xmpp:xbosh}version"));
    Element features = body.elements().get(0);
    assertEquals(STREAMS, features.namespace());
    assertEquals("features", features.name());
    assertNotNull(features.child("mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl"));
    assertEquals(1, harness.site.bosh().size());
  }

  @Test
  void loginRestartBindAndChatBetweenTwoSessions() {
    Client juliet = new Client();
    juliet.login("juliet", "r0meo", "balcony");
    Client romeo = new Client();
    romeo.rid = 9000;
    romeo.login("romeo", "jul1et", "garden");
    // Romeo's empty request waits for something to carry.
    assertEquals(List.of(), romeo.post(""));
    juliet.post("<message xmlns='jabber:client' to='romeo@example.test/garden' type='chat'"
        + " id='m1'><body>Wherefore art thou?</body></message>");
    Element message = only(romeo.poll());
    assertEquals("message", message.name());
    assertEquals("juliet@example.test/balcony", message.attribute("from"));
    assertEquals("Wherefore art thou?", message.childText("body", "jabber:client"));
  }

  @Test
  void unknownSidIsItemNotFound() {
    Client c = new Client();
    c.sid = "nosuchsession";
    List<Element> out = c.post("");
    assertEquals(1, out.size());
    assertTerminate("item-not-found", out.get(0));
  }

  @Test
  void malformedBodiesAreBadRequest() {
    Client c = new Client();
    assertTerminate("bad-request", c.postRaw("<body xmlns='" + NS + "' rid='1'").get(0));
    assertTerminate("bad-request", c.postRaw("<body xmlns='urn:other' rid='1' to='example.test'"
        + " wait='60' hold='1'/>").get(0));
    assertTerminate("bad-request", c.postRaw("<body xmlns='" + NS + "' to='example.test'"
        + " wait='60' hold='1'/>").get(0));
    assertTerminate("bad-request", c.postRaw("<body xmlns='" + NS + "' rid='x' to='example.test'"
        + " wait='60' hold='1'/>").get(0));
    assertTerminate("bad-request", c.postRaw("<body xmlns='" + NS + "' rid='1'"
        + " to='example.test' hold='1'/>").get(0));
    assertTerminate("bad-request", c.postRaw("<body xmlns='" + NS + "' rid='1'"
        + " to='example.test' wait='60'/>").get(0));
    assertTerminate("host-unknown", c.postRaw("<body xmlns='" + NS + "' rid='1'"
        + " to='elsewhere.test' wait='60' hold='1'/>").get(0));
    assertEquals(0, harness.site.bosh().size());
  }

  @Test
  void outOfOrderRequestsAreBufferedAndProcessedInRidOrder() {
    Client c = new Client();
    c.login("juliet", "r0meo", "balcony");
    long first = c.rid + 1;
    // The second request arrives first: it waits for the first.
    assertEquals(List.of(), c.postWith(first + 1, "", "<message xmlns='jabber:client'"
        + " to='juliet@example.test/balcony' id='two'><body>2</body></message>"));
    List<Element> out = c.postWith(first, "", "<message xmlns='jabber:client'"
        + " to='juliet@example.test/balcony' id='one'><body>1</body></message>");
    List<String> ids = new ArrayList<>();
    for (Element body : out) {
      body.elements().forEach(e -> ids.add(e.attribute("id")));
    }
    assertEquals(List.of("one", "two"), ids);
  }

  @Test
  void ridBeyondTheWindowTerminatesWithItemNotFound() {
    Client c = new Client();
    c.create();
    List<Element> out = c.postWith(c.rid + 3, "", ""); // the window is rid+1 .. rid+2
    assertTerminate("item-not-found", out.get(out.size() - 1));
    assertEquals(0, harness.site.bosh().size());
    assertTerminate("item-not-found", c.post("").get(0));
  }

  @Test
  void repeatedRidGetsTheSameAnswerAgain() {
    Client c = new Client();
    c.create();
    c.post("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
        + new ScramClient("SCRAM-SHA-1", "juliet", "r0meo").clientFirst() + "</auth>");
    byte[] first = ByteBufUtil.getBytes(c.raw.get(c.raw.size() - 1).content());
    List<Element> again = c.postWith(c.rid, "", "");
    assertEquals(1, again.size());
    assertArrayEquals(first, ByteBufUtil.getBytes(c.raw.get(c.raw.size() - 1).content()));
    assertEquals("challenge", again.get(0).elements().get(0).name());
  }

  @Test
  void aRepeatedRidStillHeldTakesOverTheWait() {
    Client c = new Client();
    c.create();
    assertEquals(List.of(), c.post(""));
    List<Element> out = c.postWith(c.rid, "", ""); // the client retried on a new connection
    assertEquals(1, out.size(), "the first attempt is released empty");
    assertTrue(out.get(0).elements().isEmpty());
    assertEquals(1, harness.site.bosh().size());
  }

  @Test
  void aStreamEndedByTheServerMeanwhileIsTerminateOnTheNextRequest() {
    Client first = new Client();
    first.login("juliet", "r0meo", "balcony");
    // The same resource again: the default policy ends the first session with conflict, while
    // it has no request to carry the news.
    Client second = new Client();
    second.rid = 7000;
    second.login("juliet", "r0meo", "balcony");
    first.poll();
    List<Element> out = first.post("");
    assertTerminate("remote-stream-error", out.get(0));
    assertNotNull(out.get(0).elements().get(0).child("conflict",
        "urn:ietf:params:xml:ns:xmpp-streams"));
    assertEquals(1, harness.site.bosh().size(), "only the second session is left");
  }

  @Test
  void anOldRidNoLongerCachedIsItemNotFound() {
    Client c = new Client();
    long created = c.rid;
    c.create();
    c.post("");
    c.post(""); // answers the previous one empty (hold 1)
    c.post("");
    List<Element> out = c.postWith(created, "", "");
    assertTerminate("item-not-found", out.get(out.size() - 1));
  }

  @Test
  void moreRequestsThanHoldAnswerTheOldestEmpty() {
    Client c = new Client();
    c.create();
    assertEquals(List.of(), c.post(""));
    List<Element> out = c.post("");
    assertEquals(1, out.size());
    assertEquals(Element.of("body", NS).name(), out.get(0).name());
    assertTrue(out.get(0).elements().isEmpty());
    assertNull(out.get(0).attribute("type"));
  }

  @Test
  void waitElapsedAnswersEmptyAndInactivityEndsTheSession() {
    Client c = new Client();
    c.login("juliet", "r0meo", "balcony");
    assertEquals(1, harness.parley.sessionCount());
    assertEquals(List.of(), c.post(""));
    c.advance(61);
    List<Element> out = c.poll();
    assertEquals(1, out.size(), "the held request comes back after wait");
    assertTrue(out.get(0).elements().isEmpty());
    assertEquals(1, harness.site.bosh().size());
    c.advance(61);
    c.poll();
    assertEquals(0, harness.site.bosh().size());
    assertEquals(0, harness.parley.sessionCount(), "the core ended the session");
    assertTerminate("item-not-found", c.post("").get(0));
  }

  @Test
  void clientTerminateEndsTheSession() {
    Client c = new Client();
    c.create();
    List<Element> out = c.postWith(++c.rid, " type='terminate'", "");
    assertEquals(1, out.size());
    assertEquals("terminate", out.get(0).attribute("type"));
    assertEquals(0, harness.site.bosh().size());
  }

  @Test
  void streamErrorsTravelAsRemoteStreamError() {
    Client c = new Client();
    c.create();
    List<Element> out = c.post("<foo xmlns='urn:example:nothing'/>");
    Element last = out.get(out.size() - 1);
    assertTerminate("remote-stream-error", last);
    Element error = last.elements().get(0);
    assertEquals("error", error.name());
    assertEquals(STREAMS, error.namespace());
    assertNotNull(error.child("unsupported-stanza-type", "urn:ietf:params:xml:ns:xmpp-streams"));
    assertEquals(0, harness.site.bosh().size());
  }

  @Test
  void oversizedBodyIs413() {
    EmbeddedChannel ch = harness.connect();
    String big = "x".repeat(5000);
    String response = WebSocketHarness.http(ch, "POST /http-bind HTTP/1.1\r\nHost: x\r\n"
        + "Content-Length: " + big.length() + "\r\n\r\n" + big);
    assertTrue(response.startsWith("HTTP/1.1 413"), response);
  }

  @Test
  void preflightAndWrongMethods() {
    HttpEndpointsTest.Response pre = HttpEndpointsTest.Response.parse(WebSocketHarness.http(
        harness.connect(), "OPTIONS /http-bind HTTP/1.1\r\nHost: x\r\n"
            + "Origin: https://app.example\r\nAccess-Control-Request-Method: POST\r\n"
            + "Access-Control-Request-Headers: content-type\r\n\r\n"));
    assertEquals(204, pre.status());
    assertEquals("*", pre.header("access-control-allow-origin"));
    assertEquals("POST, OPTIONS", pre.header("access-control-allow-methods"));
    assertEquals("content-type", pre.header("access-control-allow-headers"));
    HttpEndpointsTest.Response get = HttpEndpointsTest.Response.parse(WebSocketHarness.http(
        harness.connect(), "GET /http-bind HTTP/1.1\r\nHost: x\r\n\r\n"));
    assertEquals(405, get.status());
    assertEquals("POST, OPTIONS", get.header("allow"));
  }

  @Test
  void disallowedOriginIs403(@TempDir Path dir) {
    try (WebSocketHarness strict = new WebSocketHarness(dir,
        b -> b.corsOrigins(List.of("https://app.example")))) {
      String body = String.format(CREATE, 1);
      HttpEndpointsTest.Response r = HttpEndpointsTest.Response.parse(WebSocketHarness.http(
          strict.connect(), "POST /http-bind HTTP/1.1\r\nHost: x\r\n"
              + "Origin: https://evil.example\r\nContent-Length: " + body.length() + "\r\n\r\n"
              + body));
      assertEquals(403, r.status());
    }
  }
}
