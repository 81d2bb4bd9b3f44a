package io.parley.embedded.internal.xml;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Text;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class XmlStreamParserTest {
  static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
      + " xmlns:stream='http://etherx.jabber.org/streams' to='example.test' version='1.0'"
      + " xml:lang='en'>";
  static final int[] CHUNKS = {1, 2, 3, 7, 4096};

  static Stream<Integer> chunks() {
    return Arrays.stream(CHUNKS).boxed();
  }

  /** Records events; optionally runs an action on each element. */
  static final class Recorder implements XmlStreamParser.Listener {
    final List<Object> events = new ArrayList<>();
    Consumer<Element> onElement = e -> { };

    @Override
    public void streamOpened(StreamHeader header) {
      events.add(header);
    }

    @Override
    public void element(Element element) {
      events.add(element);
      onElement.accept(element);
    }

    @Override
    public void streamClosed() {
      events.add("closed");
    }

    List<Element> elements() {
      List<Element> out = new ArrayList<>();
      for (Object o : events) {
        if (o instanceof Element e) {
          out.add(e);
        }
      }
      return out;
    }
  }

  /**
   * Feeds in chunks, each in a direct buffer whose reader index is not 0, so the NIO view has a
   * non-zero position as pooled socket buffers do.
   */
  static void feed(XmlStreamParser parser, byte[] bytes, int chunk) throws XmlStreamException {
    for (int i = 0; i < bytes.length; i += chunk) {
      int n = Math.min(chunk, bytes.length - i);
      ByteBuf buf = Unpooled.directBuffer(n + 3);
      try {
        buf.writeBytes(new byte[] {'x', 'y', 'z'});
        buf.writeBytes(bytes, i, n);
        buf.skipBytes(3);
        parser.feed(buf);
        assertEquals(0, buf.readableBytes(), "feed consumes everything");
      } finally {
        buf.release();
      }
    }
  }

  static void feed(XmlStreamParser parser, String xml, int chunk) throws XmlStreamException {
    feed(parser, xml.getBytes(UTF_8), chunk);
  }

  static Recorder parse(String xml, int chunk) throws XmlStreamException {
    Recorder r = new Recorder();
    feed(new XmlStreamParser(XmlLimits.DEFAULT, r), xml, chunk);
    return r;
  }

  /** Parses one element on its own (inside a jabber:client stream), in one chunk. */
  static Element parseElement(String xml) throws XmlStreamException {
    List<Element> elements = parse(HEADER + xml, 4096).elements();
    assertEquals(1, elements.size());
    return elements.get(0);
  }

  static StreamErrorCondition failure(String xml, int chunk) {
    return failure(XmlLimits.DEFAULT, xml.getBytes(UTF_8), chunk);
  }

  static StreamErrorCondition failure(XmlLimits limits, byte[] xml, int chunk) {
    XmlStreamParser parser = new XmlStreamParser(limits, new Recorder());
    return assertThrows(XmlStreamException.class, () -> feed(parser, xml, chunk)).condition();
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void framesHeaderStanzasAndClose(int chunk) throws Exception {
    Recorder r = parse(HEADER
        + "\n <message to='romeo@example.net' type='chat' id='m1'><body>Hi &amp; bye</body>"
        + "</message>\n"
        + "<presence/>  <iq type='get' id='i1'><ping xmlns='urn:xmpp:ping'/></iq>"
        + "</stream:stream>", chunk);

    assertEquals(5, r.events.size(), r.events::toString);
    StreamHeader h = (StreamHeader) r.events.get(0);
    assertEquals(new StreamHeader("stream", "stream", StreamHeader.STREAMS_NAMESPACE,
        "jabber:client", Map.of("to", "example.test", "version", "1.0", "xml:lang", "en")), h);
    assertEquals(Element.builder("message", "jabber:client")
        .attribute("to", "romeo@example.net").attribute("type", "chat").attribute("id", "m1")
        .child(Element.builder("body", "jabber:client").text("Hi & bye").build())
        .build(), r.events.get(1));
    assertEquals(Element.of("presence", "jabber:client"), r.events.get(2));
    assertEquals(Element.builder("iq", "jabber:client").attribute("type", "get")
        .attribute("id", "i1").child(Element.of("ping", "urn:xmpp:ping")).build(),
        r.events.get(3));
    assertEquals("closed", r.events.get(4));
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void textIsKeptExactlyAndMergedAcrossChunks(int chunk) throws Exception {
    String body = "  line1\n\tline2 &lt;&gt;&amp;&apos;&quot;&#65;&#x42; <![CDATA[<raw>]]>  ";
    Recorder r = parse(HEADER + "<message><body>" + body + "</body><x xmlns='urn:x'>a<y/>b</x>"
        + "</message>", chunk);

    Element message = r.elements().get(0);
    Element bodyElement = message.child("body", "jabber:client");
    assertEquals(List.of(new Text("  line1\n\tline2 <>&'\"AB <raw>  ")), bodyElement.children());
    Element x = message.child("x", "urn:x");
    assertEquals(List.of(new Text("a"), Element.of("y", "urn:x"), new Text("b")), x.children());
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void multibyteUtf8SplitAnywhere(int chunk) throws Exception {
    String text = "żółć ☃ 😀 日本語 \u00e9";
    Recorder r = parse(HEADER + "<message><body a='" + text + "'>" + text + "</body></message>",
        chunk);
    Element body = r.elements().get(0).child("body", "jabber:client");
    assertEquals(text, body.text());
    assertEquals(text, body.attribute("a"));
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void namespacesAndAttributeNamesAreResolved(int chunk) throws Exception {
    Recorder r = parse(HEADER
        + "<message xmlns:p='urn:p' xml:lang='de' p:a='1' b='2'>"
        + "<p:q xmlns='urn:d' xml:space='preserve'><r/><s xmlns=''/></p:q></message>", chunk);
    Element m = r.elements().get(0);
    assertEquals(Map.of("xml:lang", "de", "{urn:p}a", "1", "b", "2"), m.attributes());
    Element q = m.child("q", "urn:p");
    assertEquals("preserve", q.attribute("{" + Element.XML_NAMESPACE + "}space"));
    assertEquals(List.of(Element.of("r", "urn:d"), Element.of("s", "")), q.children());
  }

  @Test
  void unprefixedRootHeader() throws Exception {
    Recorder r = parse("<stream xmlns='http://etherx.jabber.org/streams' to='a'>", 4096);
    assertEquals(new StreamHeader("", "stream", StreamHeader.STREAMS_NAMESPACE,
        StreamHeader.STREAMS_NAMESPACE, Map.of("to", "a")), r.events.get(0));
  }

  static Stream<Arguments> restricted() {
    String[] inStream = {
        "<!-- c -->",
        "<?pi x?>",
        "<!DOCTYPE foo>",
        "<!ENTITY foo 'bar'>",
        "<message>&foo;</message>",
        "<message a='&foo;'/>",
    };
    String[] inStanza = {
        "<message><!-- c --></message>",
        "<message><?pi x?></message>",
        "<message><!DOCTYPE foo></message>",
        "<message><!ENTITY foo 'bar'></message>",
        "<message><body>a&foo;b</body></message>",
        "<message><body a='x&foo;'/></message>",
    };
    String[] prolog = {
        "<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY foo 'bar'>]><stream:stream"
            + " xmlns:stream='http://etherx.jabber.org/streams'>",
        "<!-- c --><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>",
        "<?pi x?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>",
        "<!DOCTYPE x SYSTEM 'http://example.test/x.dtd'><x/>",
    };
    List<Arguments> args = new ArrayList<>();
    for (int chunk : CHUNKS) {
      for (String s : inStream) {
        args.add(Arguments.of(HEADER + s, chunk));
      }
      for (String s : inStanza) {
        args.add(Arguments.of(HEADER + s, chunk));
      }
      for (String s : prolog) {
        args.add(Arguments.of(s, chunk));
      }
    }
    return args.stream();
  }

  @ParameterizedTest
  @MethodSource("restricted")
  void restrictedXmlIsRejected(String xml, int chunk) {
    assertEquals(StreamErrorCondition.RESTRICTED_XML, failure(xml, chunk), xml);
  }

  static Stream<Arguments> notWellFormed() {
    String[] cases = {
        HEADER + "<message></presence>",
        HEADER + "<message><body></message></body>",
        HEADER + "<p:message/>",
        HEADER + "<message p:a='1'/>",
        HEADER + "<message a='<'/>",
        HEADER + "<message a='1' a='2'/>",
        HEADER + "<message a=1/>",
        HEADER + "<message>&amp</message>",
        HEADER + "<message>&#0;</message>",
        HEADER + "</stream:stream></stream:stream>",
        "<stream:stream xmlns='jabber:client'>",
        // aalto notices a mismatched end tag of equal length only at the next markup.
        "<a></b><c/>",
        HEADER + "<message>\u0001</message>",
        HEADER + "<message a='\uFFFE'/>",
    };
    List<Arguments> args = new ArrayList<>();
    for (int chunk : CHUNKS) {
      for (String s : cases) {
        args.add(Arguments.of(s, chunk));
      }
    }
    return args.stream();
  }

  @ParameterizedTest
  @MethodSource("notWellFormed")
  void malformedXmlIsNotWellFormed(String xml, int chunk) {
    assertEquals(StreamErrorCondition.NOT_WELL_FORMED, failure(xml, chunk), xml);
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void bytesThatAreNotUtf8AreNotWellFormed(int chunk) {
    for (byte[] bad : List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, 'a'},
        new byte[] {(byte) 0xE2, (byte) 0x98}, new byte[] {(byte) 0xC0, (byte) 0x80},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes((HEADER + "<message><body>").getBytes(UTF_8));
      out.writeBytes(bad);
      out.writeBytes("</body></message>".getBytes(UTF_8));
      assertEquals(StreamErrorCondition.NOT_WELL_FORMED,
          failure(XmlLimits.DEFAULT, out.toByteArray(), chunk), () -> Arrays.toString(bad));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ISO-8859-1", "US-ASCII", "UTF-16", "latin1"})
  void otherEncodingsAreUnsupported(String encoding) {
    for (int chunk : CHUNKS) {
      assertEquals(StreamErrorCondition.UNSUPPORTED_ENCODING,
          failure("<?xml version='1.0' encoding='" + encoding + "'?>" + HEADER.substring(21),
              chunk), encoding);
    }
  }

  @Test
  void utf8DeclarationIsAccepted() throws Exception {
    Recorder r = parse("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + HEADER.substring(21), 1);
    assertEquals(1, r.events.size());
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void textAtStreamLevelIsBadFormat(int chunk) {
    assertEquals(StreamErrorCondition.BAD_FORMAT, failure(HEADER + " hello <presence/>", chunk));
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void stanzaAtTheSizeLimitPassesOneByteMoreFails(int chunk) throws Exception {
    XmlLimits limits = new XmlLimits(1024, 8);
    String open = "<message><body>";
    String close = "</body></message>";
    String exact = open + "a".repeat(1024 - open.length() - close.length()) + close;
    assertEquals(1024, exact.length());
    Recorder r = new Recorder();
    feed(new XmlStreamParser(limits, r), HEADER + exact + " " + exact, chunk);
    assertEquals(2, r.elements().size());

    String tooBig = open + "a".repeat(1025 - open.length() - close.length()) + close;
    assertEquals(StreamErrorCondition.POLICY_VIOLATION,
        failure(limits, (HEADER + tooBig).getBytes(UTF_8), chunk));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1000, 4096, 100_000})
  void neverEndingTextFailsWithinOneChunkOfTheLimit(int chunk) {
    XmlLimits limits = new XmlLimits(10_000, 8);
    Recorder recorder = new Recorder();
    XmlStreamParser parser = new XmlStreamParser(limits, recorder);
    byte[] filler = "x".repeat(chunk).getBytes(UTF_8);
    long sent = 0;
    XmlStreamException failure = null;
    try {
      feed(parser, HEADER + "<message><body>", 4096);
      sent = "<message><body>".length();
      for (int i = 0; i < 1_000_000 && failure == null; i++) {
        sent += chunk;
        feed(parser, filler, chunk);
      }
    } catch (XmlStreamException e) {
      failure = e;
    }
    assertTrue(failure != null, "never failed");
    assertEquals(StreamErrorCondition.POLICY_VIOLATION, failure.condition());
    assertTrue(sent >= limits.maxStanzaBytes(), "failed early at " + sent);
    assertTrue(sent < limits.maxStanzaBytes() + chunk, "failed late at " + sent);
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void neverEndingStartTagAndHeaderFail(int chunk) {
    XmlLimits limits = new XmlLimits(1024, 8);
    byte[] tag = (HEADER + "<message a='" + "x".repeat(5000)).getBytes(UTF_8);
    assertEquals(StreamErrorCondition.POLICY_VIOLATION, failure(limits, tag, chunk));
    byte[] header = ("<stream:stream a='" + "x".repeat(5000)).getBytes(UTF_8);
    assertEquals(StreamErrorCondition.POLICY_VIOLATION, failure(limits, header, chunk));
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void depthLimitCountsTheRoot(int chunk) throws Exception {
    XmlLimits limits = new XmlLimits(1024, 4);
    Recorder r = new Recorder();
    feed(new XmlStreamParser(limits, r), HEADER + "<a><b><c/></b></a>", chunk);
    assertEquals(1, r.elements().size());
    assertEquals(StreamErrorCondition.POLICY_VIOLATION,
        failure(limits, (HEADER + "<a><b><c><d>").getBytes(UTF_8), chunk));
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void resetFromCallbackHandsRemainingBytesToNewDocument(int chunk) throws Exception {
    Recorder r = new Recorder();
    XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULT, r);
    r.onElement = e -> {
      if (e.name().equals("auth")) {
        parser.reset();
      }
    };
    feed(parser, HEADER + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>AGEAYg==</auth>"
        + HEADER + "<presence/>", chunk);

    assertEquals(4, r.events.size(), r.events::toString);
    assertTrue(r.events.get(0) instanceof StreamHeader);
    assertEquals("auth", ((Element) r.events.get(1)).name());
    assertEquals(r.events.get(0), r.events.get(2));
    assertEquals(Element.of("presence", "jabber:client"), r.events.get(3));
  }

  @Test
  void resetOutsideCallbackStartsNewDocument() throws Exception {
    Recorder r = new Recorder();
    XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULT, r);
    feed(parser, HEADER + "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", 4096);
    parser.reset();
    feed(parser, HEADER, 4096);
    assertEquals(3, r.events.size());
  }

  @Test
  void deadParserKeepsFailingWithTheSameCondition() throws Exception {
    XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULT, new Recorder());
    XmlStreamException first = assertThrows(XmlStreamException.class,
        () -> feed(parser, HEADER + "<!-- x -->", 4096));
    assertEquals(StreamErrorCondition.RESTRICTED_XML, first.condition());
    parser.reset();
    XmlStreamException again = assertThrows(XmlStreamException.class,
        () -> feed(parser, "<presence/>", 4096));
    assertEquals(StreamErrorCondition.RESTRICTED_XML, again.condition());
  }

  @Test
  void listenerExceptionPropagatesAndKillsParser() throws Exception {
    XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULT,
        new XmlStreamParser.Listener() {
          @Override
          public void streamOpened(StreamHeader header) throws XmlStreamException {
            throw new XmlStreamException(StreamErrorCondition.INVALID_NAMESPACE, "test");
          }

          @Override
          public void element(Element element) {
          }

          @Override
          public void streamClosed() {
          }
        });
    XmlStreamException e = assertThrows(XmlStreamException.class,
        () -> feed(parser, HEADER, 4096));
    assertEquals(StreamErrorCondition.INVALID_NAMESPACE, e.condition());
    assertEquals(StreamErrorCondition.INVALID_NAMESPACE,
        assertThrows(XmlStreamException.class, () -> feed(parser, "<a/>", 4096)).condition());
  }

  @Test
  void compositeBuffersAreParsed() throws Exception {
    Recorder r = new Recorder();
    XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULT, r);
    byte[] bytes = (HEADER + "<message><body>é</body></message>").getBytes(UTF_8);
    int split = bytes.length - 20; // inside the two-byte é
    ByteBuf composite = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(bytes, 0, split),
        Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
    try {
      assertTrue(composite.nioBufferCount() > 1);
      parser.feed(composite);
    } finally {
      composite.release();
    }
    assertEquals("é", r.elements().get(0).childText("body", "jabber:client"));
    assertNull(r.elements().get(0).attribute("to"));
  }

  // ---- parked readers (ReaderPool)

  /** Runs an action on a new thread, whose reader pool is empty, and waits for it. */
  static void onNewThread(ThrowingRunnable action) throws Exception {
    Exception[] failure = new Exception[1];
    Thread t = new Thread(() -> {
      try {
        action.run();
      } catch (Exception e) {
        failure[0] = e;
      }
    });
    t.start();
    t.join();
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void readerIsReleasedBetweenStanzasOnly() throws Exception {
    Recorder r = new Recorder();
    XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULT, r);
    feed(parser, HEADER.substring(0, 20), 4096);
    assertTrue(parser.holdsReader(), "inside the header");
    feed(parser, HEADER.substring(20), 4096);
    assertFalse(parser.holdsReader(), "after the header");
    feed(parser, "<message><bo", 4096);
    assertTrue(parser.holdsReader(), "inside a stanza");
    feed(parser, "dy>x</body></message>", 4096);
    assertFalse(parser.holdsReader(), "after the stanza");
    feed(parser, " \n ", 4096);
    assertFalse(parser.holdsReader(), "a whitespace keepalive does not take a reader");
    feed(parser, new byte[] {(byte) 0xC3}, 1); // half a character, at stream level
    XmlStreamException e = assertThrows(XmlStreamException.class,
        () -> feed(parser, new byte[] {(byte) 0xA9, '<', 'a', '/', '>'}, 5));
    assertEquals(StreamErrorCondition.BAD_FORMAT, e.condition(),
        "text at stream level is still caught after parking");
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void interleavedStreamsKeepTheirOwnState(int chunk) throws Exception {
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    XmlStreamParser pa = new XmlStreamParser(XmlLimits.DEFAULT, a);
    XmlStreamParser pb = new XmlStreamParser(XmlLimits.DEFAULT, b);
    byte[] sa = (HEADER + "<message to='b@x'><body>one</body></message> <iq id='1'/>"
        + "<presence><show>away</show></presence></stream:stream>").getBytes(UTF_8);
    byte[] sb = (HEADER.replace("to='example.test'", "to='other.test'")
        + "<iq id='2' type='get'><query xmlns='jabber:iq:roster'/></iq>"
        + "<message><body>two</body><x xmlns='urn:x'><y>é</y></x></message>"
        + "</stream:stream>").getBytes(UTF_8);
    for (int i = 0; i < Math.max(sa.length, sb.length); i += chunk) {
      if (i < sa.length) {
        feed(pa, Arrays.copyOfRange(sa, i, Math.min(sa.length, i + chunk)), chunk);
      }
      if (i < sb.length) {
        feed(pb, Arrays.copyOfRange(sb, i, Math.min(sb.length, i + chunk)), chunk);
      }
    }
    assertEquals(List.of("message", "iq", "presence"),
        a.elements().stream().map(Element::name).toList());
    assertEquals("one", a.elements().get(0).childText("body", "jabber:client"));
    assertEquals("closed", a.events.get(a.events.size() - 1));
    assertEquals(List.of("iq", "message"), b.elements().stream().map(Element::name).toList());
    assertEquals("é", b.elements().get(1).child("x", "urn:x").childText("y", "urn:x"));
    assertEquals("other.test", ((StreamHeader) b.events.get(0)).attribute("to"));
    assertEquals("closed", b.events.get(b.events.size() - 1));
  }

  @ParameterizedTest
  @MethodSource("chunks")
  void primedReaderReproducesTheRootsNamespaces(int chunk) throws Exception {
    Recorder r = new Recorder();
    XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULT, r);
    feed(parser, "<s:stream xmlns:s='http://etherx.jabber.org/streams' xmlns:p='urn:p'"
        + " xmlns='jabber:client' version='1.0'>", chunk);
    assertFalse(parser.holdsReader());
    // Another thread's pool is empty: the stream continues on a reader primed from its context.
    onNewThread(() -> feed(parser, "<message p:a='1'><p:x/></message>", chunk));
    onNewThread(() -> {
      XmlStreamException e = assertThrows(XmlStreamException.class,
          () -> feed(parser, "</stream:stream>", chunk));
      assertEquals(StreamErrorCondition.NOT_WELL_FORMED, e.condition());
    });
    Element m = r.elements().get(0);
    assertEquals("1", m.attribute("{urn:p}a"));
    assertEquals(Element.of("x", "urn:p"), m.child("x", "urn:p"));
  }

  @Test
  void primedReaderEndsTheStream() throws Exception {
    Recorder r = new Recorder();
    XmlStreamParser parser = new XmlStreamParser(XmlLimits.DEFAULT, r);
    feed(parser, HEADER + "<presence/>", 4096);
    onNewThread(() -> feed(parser, "<presence/></stream:stream>", 1));
    assertEquals(List.of(r.events.get(0), Element.of("presence", "jabber:client"),
        Element.of("presence", "jabber:client"), "closed"), r.events);
  }

  @Test
  void stanzaLimitHoldsAcrossParking() throws Exception {
    XmlLimits limits = new XmlLimits(1024, 8);
    XmlStreamParser parser = new XmlStreamParser(limits, new Recorder());
    feed(parser, HEADER, 4096);
    String body = "x".repeat(1024 - "<message><body></body></message>".length());
    feed(parser, "<message><body>" + body + "</body></message>", 7);
    feed(parser, "   ", 1);
    XmlStreamException e = assertThrows(XmlStreamException.class,
        () -> feed(parser, "<message><body>" + body + "x</body></message>", 7));
    assertEquals(StreamErrorCondition.POLICY_VIOLATION, e.condition());
  }
}
