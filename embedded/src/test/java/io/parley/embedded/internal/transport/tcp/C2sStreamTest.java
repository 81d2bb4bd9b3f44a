package io.parley.embedded.internal.transport.tcp;

import static io.parley.embedded.internal.transport.tcp.C2sHarness.OPEN;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.assertSent;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.assertStreamError;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.feed;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.read;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.readElements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.stanza.Element;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6120 stream negotiation and its error paths, byte by byte through the real pipeline. */
class C2sStreamTest {
  @TempDir Path dataDir;
  private C2sHarness harness;

  @BeforeEach
  void setUp() {
    harness = new C2sHarness(dataDir);
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void streamHeaderIsAnsweredWithHeaderAndMechanisms(int chunk) {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN, chunk);
    XmlOutput out = XmlOutput.parse(read(ch));
    assertNotNull(out.header());
    assertEquals("example.test", out.header().attribute("from"));
    assertEquals("1.0", out.header().attribute("version"));
    assertNotNull(out.header().attribute("id"));
    assertEquals(XmlOutput.elements("<stream:features>"
        + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + "<mechanism>SCRAM-SHA-256</mechanism><mechanism>SCRAM-SHA-1</mechanism>"
        + "</mechanisms></stream:features>"), out.elements());
  }

  @Test
  void startTlsIsRequiredAndOfferedAloneWhenTlsIsOn(@TempDir Path tlsDir) {
    try (C2sHarness tls = new C2sHarness(tlsDir, true, b -> { })) {
      EmbeddedChannel ch = tls.connect();
      feed(ch, OPEN);
      assertEquals(XmlOutput.elements("<stream:features>"
          + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
          + "</stream:features>"), XmlOutput.parse(read(ch)).elements());
      feed(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG1lbw==</auth>");
      assertSent(ch, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><encryption-required/></failure>");
      feed(ch, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
      assertSent(ch, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
      assertNotNull(ch.pipeline().get("tls"), "TLS handler installed after proceed");
    }
  }

  @Test
  void startTlsWithoutTlsContextFails() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    String out = read(ch);
    assertEquals(XmlOutput.elements("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"),
        XmlOutput.parse(out).elements());
    assertFalse(ch.isOpen());
  }

  @Test
  void wrongStreamNamespaceIsInvalidNamespace() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, "<stream:stream to='example.test' version='1.0' xmlns='jabber:server'"
        + " xmlns:stream='http://etherx.jabber.org/streams'>");
    assertStreamError(ch, "invalid-namespace");
  }

  @Test
  void wrongRootNamespaceIsInvalidNamespace() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, "<stream:stream to='example.test' version='1.0' xmlns='jabber:client'"
        + " xmlns:stream='http://wrong.example/streams'>");
    assertStreamError(ch, "invalid-namespace");
  }

  @Test
  void unknownHostIsHostUnknown() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN.replace("to='example.test'", "to='elsewhere.test'"));
    assertStreamError(ch, "host-unknown");
  }

  @Test
  void missingVersionIsUnsupportedVersion() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN.replace("to='example.test' version='1.0'", "to='example.test'"));
    assertStreamError(ch, "unsupported-version");
  }

  @Test
  void stanzaBeforeAuthenticationIsNotAuthorized() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<message to='romeo@example.test'><body>hi</body></message>");
    assertStreamError(ch, "not-authorized");
  }

  @Test
  void malformedXmlIsNotWellFormed() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'></wrong>");
    assertStreamError(ch, "not-well-formed");
  }

  @Test
  void malformedXmlBeforeHeaderStillGetsAHeaderFirst() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, "<<<");
    String out = read(ch);
    XmlOutput parsed = XmlOutput.parse(out);
    assertNotNull(parsed.header(), out);
    assertEquals("not-well-formed", parsed.elements().get(0).elements().get(0).name());
    assertFalse(ch.isOpen());
  }

  @Test
  void commentIsRestrictedXml() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN + "<!-- hello -->");
    assertStreamError(ch, "restricted-xml");
  }

  @Test
  void unknownMechanismIsInvalidMechanism() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='X-UNKNOWN'>=</auth>");
    assertSent(ch, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><invalid-mechanism/></failure>");
    assertTrue(ch.isOpen());
  }

  @Test
  void plainIsNotOfferedWithoutTls() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldAByMG1lbw==</auth>");
    assertSent(ch, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><invalid-mechanism/></failure>");
  }

  @Test
  void badBase64IsIncorrectEncoding() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>!!!</auth>");
    assertSent(ch, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><incorrect-encoding/></failure>");
  }

  @Test
  void wrongPasswordIsNotAuthorizedAndRepeatedFailuresEndTheStream() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN);
    read(ch);
    for (int attempt = 1; attempt <= 5; attempt++) {
      var scram = new io.parley.embedded.testing.ScramClient("SCRAM-SHA-1", "juliet", "wrong");
      feed(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
          + scram.clientFirst() + "</auth>");
      Element challenge = readElements(ch).get(0);
      feed(ch, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
          + scram.clientFinal(challenge.text()) + "</response>");
      if (attempt < 5) {
        assertSent(ch, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>");
      }
    }
    String out = read(ch);
    List<Element> elements = XmlOutput.parse(out).elements();
    assertEquals("failure", elements.get(0).name());
    assertEquals("policy-violation", elements.get(1).elements().get(0).name());
    assertFalse(ch.isOpen());
  }

  @Test
  void abortEndsTheExchange() {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'/>");
    assertSent(ch, "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>=</challenge>");
    feed(ch, "<abort xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    assertSent(ch, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><aborted/></failure>");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096})
  void loginRestartsStreamAndOffersBindAndSession(int chunk) {
    EmbeddedChannel ch = harness.connect();
    C2sHarness.authenticate(ch, "juliet", "r0meo");
    feed(ch, OPEN, chunk);
    XmlOutput out = XmlOutput.parse(read(ch));
    assertNotNull(out.header());
    // Bind first; the features of feature packages come from a Dagger set, in no fixed order.
    Element features = out.elements().get(0);
    assertEquals("features", features.name());
    List<Element> offered = features.elements();
    assertEquals(XmlOutput.elements("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"),
        offered.subList(0, 1));
    assertEquals(java.util.Set.copyOf(XmlOutput.elements(
        "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>"
        + "<ver xmlns='urn:xmpp:features:rosterver'/>"
        + "<sub xmlns='urn:xmpp:features:pre-approval'/>")),
        java.util.Set.copyOf(offered.subList(1, offered.size())));
    assertEquals(1, out.elements().size());
  }

  @Test
  void bindWithoutResourceGetsAGeneratedOne() {
    EmbeddedChannel ch = harness.connect();
    C2sHarness.authenticate(ch, "juliet", "r0meo");
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    Element result = readElements(ch).get(0);
    assertEquals("result", result.attribute("type"));
    String jid = result.child("bind", "urn:ietf:params:xml:ns:xmpp-bind")
        .childText("jid", "urn:ietf:params:xml:ns:xmpp-bind");
    assertTrue(jid.startsWith("juliet@example.test/"), jid);
    assertTrue(jid.length() > "juliet@example.test/".length());
  }

  @Test
  void stanzaAfterAuthButBeforeBindIsNotAuthorized() {
    EmbeddedChannel ch = harness.connect();
    C2sHarness.authenticate(ch, "juliet", "r0meo");
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<message to='romeo@example.test'><body>hi</body></message>");
    assertStreamError(ch, "not-authorized");
  }

  @Test
  void resourceConflictKicksTheOldSession() {
    EmbeddedChannel first = harness.bound("juliet@example.test/balcony", "r0meo");
    read(first);
    EmbeddedChannel second = harness.bound("juliet@example.test/balcony", "r0meo");
    first.runPendingTasks();
    assertStreamError(first, "conflict");
    assertTrue(second.isOpen());
  }

  @Test
  void resourceConflictCanRejectTheNewSession(@TempDir Path dir) {
    try (C2sHarness rejecting = new C2sHarness(dir, false,
        b -> b.resourceConflict(io.parley.embedded.ResourceConflictPolicy.REJECT_NEW))) {
      rejecting.bound("juliet@example.test/balcony", "r0meo");
      EmbeddedChannel second = rejecting.connect();
      C2sHarness.authenticate(second, "juliet", "r0meo");
      feed(second, OPEN);
      read(second);
      feed(second, "<iq type='set' id='b2'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
          + "<resource>balcony</resource></bind></iq>");
      assertSent(second, "<iq type='error' id='b2'><error type='cancel'>"
          + "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void pingGetsEmptyResult(int chunk) {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='get' id='p1' to='example.test'><ping xmlns='urn:xmpp:ping'/></iq>", chunk);
    assertSent(ch, "<iq type='result' id='p1' from='example.test'"
        + " to='juliet@example.test/balcony'/>");
  }

  @Test
  void pingWithoutToIsAnsweredForTheAccount() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='get' id='p2'><ping xmlns='urn:xmpp:ping'/></iq>");
    assertSent(ch, "<iq type='result' id='p2' to='juliet@example.test/balcony'/>");
  }

  @Test
  void unknownPayloadIsServiceUnavailable() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='get' id='u1' to='example.test'><query xmlns='urn:example:unknown'/></iq>");
    assertSent(ch, "<iq type='error' id='u1' from='example.test' to='juliet@example.test/balcony'>"
        + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        + "</error></iq>");
  }

  @Test
  void iqWithoutIdIsRejectedWithBadRequest() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='get' to='example.test'><ping xmlns='urn:xmpp:ping'/></iq>");
    assertSent(ch, "<iq type='error' from='example.test' to='juliet@example.test/balcony'>"
        + "<error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        + "</error></iq>");
  }

  @Test
  void iqGetWithTwoPayloadsIsBadRequest() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='get' id='t2' to='example.test'><ping xmlns='urn:xmpp:ping'/>"
        + "<ping xmlns='urn:xmpp:ping'/></iq>");
    assertSent(ch, "<iq type='error' id='t2' from='example.test' to='juliet@example.test/balcony'>"
        + "<error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        + "</error></iq>");
  }

  @Test
  void malformedToIsJidMalformed() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<message id='m1' to='@@bad'><body>x</body></message>");
    assertSent(ch, "<message type='error' id='m1' from='example.test'"
        + " to='juliet@example.test/balcony'><error type='modify'>"
        + "<jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
  }

  @Test
  void spoofedFromIsInvalidFrom() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<message from='romeo@example.test/orchard' to='juliet@example.test'>"
        + "<body>x</body></message>");
    assertStreamError(ch, "invalid-from");
  }

  @Test
  void ownBareJidAsFromIsAcceptedAndStampedFull() {
    EmbeddedChannel juliet = harness.bound("juliet@example.test/balcony", "r0meo");
    EmbeddedChannel romeo = harness.bound("romeo@example.test/orchard", "jul1et");
    read(juliet);
    read(romeo);
    // no-store: not archived (XEP-0313), so delivered without a stanza-id whose value is random.
    feed(juliet, "<message from='juliet@example.test' to='romeo@example.test/orchard' id='m2'>"
        + "<body>hi</body><no-store xmlns='urn:xmpp:hints'/></message>");
    romeo.runPendingTasks();
    assertSent(romeo, "<message from='juliet@example.test/balcony' to='romeo@example.test/orchard'"
        + " id='m2'><body>hi</body><no-store xmlns='urn:xmpp:hints'/></message>");
  }

  @Test
  void messageToOtherDomainIsRemoteServerNotFound() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<message id='r1' to='someone@elsewhere.test'><body>x</body></message>");
    assertSent(ch, "<message type='error' id='r1' from='someone@elsewhere.test'"
        + " to='juliet@example.test/balcony'><error type='cancel'>"
        + "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
        + "</message>");
  }

  @Test
  void unknownTopLevelElementIsUnsupportedStanzaType() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<enable xmlns='urn:xmpp:sm:3'/>");
    assertStreamError(ch, "unsupported-stanza-type");
  }

  @Test
  void oversizedStanzaIsPolicyViolation(@TempDir Path dir) {
    try (C2sHarness small = new C2sHarness(dir, false, b -> b.maxStanzaBytes(2048))) {
      EmbeddedChannel ch = small.bound("juliet@example.test/balcony", "r0meo");
      read(ch);
      feed(ch, "<message to='romeo@example.test'><body>" + "x".repeat(4096)
          + "</body></message>", 512);
      assertStreamError(ch, "policy-violation");
    }
  }

  @Test
  void clientCloseIsAnsweredWithStreamEnd() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "</stream:stream>");
    assertEquals("</stream:stream>", read(ch));
    assertFalse(ch.isOpen());
    assertNull(harness.component.sessions().find(
        io.parley.spi.stanza.Jid.of("juliet@example.test/balcony")));
  }

  @Test
  void legacySessionRequestGetsResult() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='set' id='s1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
    assertSent(ch, "<iq type='result' id='s1' to='juliet@example.test/balcony'/>");
  }

  @Test
  void softwareVersionNamesParley() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='get' id='v1' to='example.test'><query xmlns='jabber:iq:version'/></iq>");
    Element result = readElements(ch).get(0);
    assertEquals("result", result.attribute("type"));
    assertEquals("Parley", result.elements().get(0).childText("name", "jabber:iq:version"));
  }
}
