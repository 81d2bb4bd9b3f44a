package io.parley.embedded.internal.transport.http;

import static io.parley.embedded.internal.transport.http.WebSocketHarness.CLOSE;
import static io.parley.embedded.internal.transport.http.WebSocketHarness.FRAMING;
import static io.parley.embedded.internal.transport.http.WebSocketHarness.OPEN;
import static io.parley.embedded.internal.transport.http.WebSocketHarness.frames;
import static io.parley.embedded.internal.transport.http.WebSocketHarness.messages;
import static io.parley.embedded.internal.transport.http.WebSocketHarness.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.stanza.Element;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7395 framing through the real HTTP pipeline, frame by frame. */
class WebSocketFramingTest {
  private static final String STREAMS = "http://etherx.jabber.org/streams";
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

  @Test
  void openIsAnsweredWithOpenThenFeaturesEachInItsOwnMessage() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, OPEN);
    List<Element> out = messages(ch);
    assertEquals(2, out.size(), out.toString());
    Element open = out.get(0);
    assertEquals("open", open.name());
    assertEquals(FRAMING, open.namespace());
    assertEquals("example.test", open.attribute("from"));
    assertEquals("1.0", open.attribute("version"));
    assertNotNull(open.attribute("id"));
    // RFC 7395 §3.8: no STARTTLS over WebSocket; SASL at once (tlsRequired is off here).
    assertEquals(XmlOutput.element("<stream:features>"
        + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + "<mechanism>SCRAM-SHA-256</mechanism><mechanism>SCRAM-SHA-1</mechanism>"
        + "</mechanisms></stream:features>"), out.get(1));
  }

  @Test
  void loginRestartBindAndPingOverFrames() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    send(ch, "<iq xmlns='jabber:client' type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
    assertEquals(List.of(XmlOutput.element(
        "<iq type='result' id='p1' to='juliet@example.test/balcony'/>")),
        messages(ch));
  }

  @Test
  void messagesFlowBetweenTwoWebSocketSessions() {
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    EmbeddedChannel romeo = harness.bound("romeo@example.test/garden", "jul1et");
    messages(juliet);
    send(romeo, "<message xmlns='jabber:client' to='juliet@example.test/balcony' type='chat'>"
        + "<body>hi</body></message>");
    juliet.runPendingTasks();
    List<Element> got = messages(juliet);
    assertEquals(1, got.size(), got.toString());
    assertEquals("romeo@example.test/garden", got.get(0).attribute("from"));
    assertEquals("hi", got.get(0).childText("body", "jabber:client"));
  }

  @Test
  void closeIsAnsweredWithCloseThenACloseFrame() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, OPEN);
    messages(ch);
    send(ch, CLOSE);
    List<WebSocketFrame> out = frames(ch);
    assertEquals(2, out.size(), out.toString());
    assertEquals(Element.of("close", FRAMING),
        WebSocketHarness.parseMessage(((TextWebSocketFrame) out.get(0)).text()));
    assertEquals(1000, ((CloseWebSocketFrame) out.get(1)).statusCode());
    out.forEach(WebSocketFrame::release);
    assertFalse(ch.isOpen());
  }

  @Test
  void restartAfterSaslIsANewOpen() {
    EmbeddedChannel ch = harness.upgraded();
    WebSocketHarness.authenticate(ch, "juliet", "r0meo");
    send(ch, OPEN);
    List<Element> out = messages(ch);
    assertEquals("open", out.get(0).name());
    assertEquals(XmlOutput.element("<stream:features>"
        + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>").name(),
        out.get(1).name());
    assertNotNull(out.get(1).child("bind", "urn:ietf:params:xml:ns:xmpp-bind"));
  }

  @Test
  void pingIsAnsweredWithPong() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, new PingWebSocketFrame(Unpooled.copiedBuffer("x", StandardCharsets.UTF_8)));
    List<WebSocketFrame> out = frames(ch);
    assertInstanceOf(PongWebSocketFrame.class, out.get(0));
    assertEquals("x", out.get(0).content().toString(StandardCharsets.UTF_8));
    out.forEach(WebSocketFrame::release);
  }

  @Test
  void closeFrameWithoutCloseElementEndsTheSessionImplicitly() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    assertEquals(1, harness.parley.sessionCount());
    send(ch, new CloseWebSocketFrame(1001, "bye"));
    List<WebSocketFrame> out = frames(ch);
    assertEquals(1001, ((CloseWebSocketFrame) out.get(0)).statusCode());
    out.forEach(WebSocketFrame::release);
    assertFalse(ch.isOpen());
    assertEquals(0, harness.parley.sessionCount());
  }

  // ---- stream errors: the error, then <close/>, then a close frame

  private static void assertStreamError(EmbeddedChannel ch, String condition, int closeStatus) {
    List<WebSocketFrame> out = frames(ch);
    int n = out.size();
    assertTrue(n >= 3, out.toString());
    Element error = WebSocketHarness.parseMessage(((TextWebSocketFrame) out.get(n - 3)).text());
    assertEquals("error", error.name(), error.toString());
    assertEquals(STREAMS, error.namespace());
    assertEquals(condition, error.elements().get(0).name(), error.toString());
    assertEquals(Element.of("close", FRAMING),
        WebSocketHarness.parseMessage(((TextWebSocketFrame) out.get(n - 2)).text()));
    assertEquals(closeStatus, ((CloseWebSocketFrame) out.get(n - 1)).statusCode());
    out.forEach(WebSocketFrame::release);
    assertFalse(ch.isOpen(), "connection closed");
  }

  @Test
  void streamErrorDuringOpenFollowsTheOpenResponse() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='elsewhere.test'"
        + " version='1.0'/>");
    List<WebSocketFrame> out = frames(ch);
    assertEquals("open", WebSocketHarness.parseMessage(
        ((TextWebSocketFrame) out.get(0)).text()).name());
    Element error = WebSocketHarness.parseMessage(((TextWebSocketFrame) out.get(1)).text());
    assertEquals("host-unknown", error.elements().get(0).name());
    out.forEach(WebSocketFrame::release);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "hello",
      " <open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.test' version='1.0'/>",
      "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.test' version='1.0'/>"
          + "<presence xmlns='jabber:client'/>",
      "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.test' version='1.0'/>junk",
      "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.test' version='1.0'>",
      " ",
  })
  void badFramingIsNotWellFormed(String message) {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, message);
    assertStreamError(ch, "not-well-formed", 1000);
  }

  @Test
  void twoStanzasInOneMessageAreNotWellFormed() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    send(ch, "<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>");
    assertStreamError(ch, "not-well-formed", 1000);
  }

  @Test
  void rfc6120StreamHeaderInsteadOfOpenIsInvalidNamespace() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, "<?xml version='1.0'?><stream:stream to='example.test' version='1.0'"
        + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
    assertStreamError(ch, "invalid-namespace", 1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<open xmlns='jabber:client' to='example.test' version='1.0'/>",
      "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='example.test'"
          + " version='1.0'/>",
      "<presence xmlns='jabber:client'/>",
  })
  void anythingButOpenToStartIsInvalidNamespace(String message) {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, message);
    assertStreamError(ch, "invalid-namespace", 1000);
  }

  @Test
  void secondOpenWithoutRestartIsBadFormat() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, OPEN);
    messages(ch);
    send(ch, OPEN);
    assertStreamError(ch, "bad-format", 1000);
  }

  @Test
  void oversizedFrameIsPolicyViolationWithStatus1009() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, OPEN);
    messages(ch);
    send(ch, "<message xmlns='jabber:client'><body>" + "x".repeat(5000) + "</body></message>");
    assertStreamError(ch, "policy-violation", 1009);
  }

  @Test
  void oversizedFragmentedMessageIsPolicyViolationWithStatus1009() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, OPEN);
    messages(ch);
    send(ch, new TextWebSocketFrame(false, 0, "<message xmlns='jabber:client'><body>"
        + "x".repeat(3000)));
    send(ch, new ContinuationWebSocketFrame(true, 0, "x".repeat(3000) + "</body></message>"));
    assertStreamError(ch, "policy-violation", 1009);
  }

  @Test
  void fragmentedMessageWithinTheLimitIsOneMessage() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, new TextWebSocketFrame(false, 0, "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'"));
    send(ch, new ContinuationWebSocketFrame(true, 0, " to='example.test' version='1.0'/>"));
    assertEquals("open", messages(ch).get(0).name());
  }

  @Test
  void binaryFrameIsBadFormatWithStatus1003() {
    EmbeddedChannel ch = harness.upgraded();
    send(ch, new BinaryWebSocketFrame(Unpooled.copiedBuffer(OPEN, StandardCharsets.UTF_8)));
    assertStreamError(ch, "bad-format", 1003);
  }

  @Test
  void stanzaWithoutClientNamespaceIsRefused() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    // RFC 7395 §3.3.2: every message declares its namespaces; a bare <message> is in none.
    send(ch, "<message to='romeo@example.test'><body>hi</body></message>");
    assertStreamError(ch, "unsupported-stanza-type", 1000);
  }

  @Test
  void withTlsRequiredPlainWebSocketOffersNoMechanisms(@TempDir Path dir) {
    try (WebSocketHarness strict = new WebSocketHarness(dir, b -> b.tlsRequired(true))) {
      EmbeddedChannel ch = strict.upgraded();
      send(ch, OPEN);
      List<Element> out = messages(ch);
      assertEquals(XmlOutput.element("<stream:features/>"), out.get(1));
      send(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
          + "AGp1bGlldAByMG1lbw==</auth>");
      assertEquals(XmlOutput.element("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
          + "<encryption-required/></failure>"), messages(ch).get(0));
    }
  }

  @Test
  void consideredSecureWebSocketOffersMechanismsDespiteTlsRequired(@TempDir Path dir) {
    try (WebSocketHarness proxied = new WebSocketHarness(dir,
        b -> b.tlsRequired(true).webSocketConsideredSecure(true))) {
      EmbeddedChannel ch = proxied.upgraded();
      send(ch, OPEN);
      Element features = messages(ch).get(1);
      assertNotNull(features.child("mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl"));
      assertNull(features.child("starttls", "urn:ietf:params:xml:ns:xmpp-tls"));
    }
  }
}
