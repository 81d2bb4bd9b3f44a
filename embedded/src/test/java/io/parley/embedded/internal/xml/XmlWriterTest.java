package io.parley.embedded.internal.xml;

import static io.parley.embedded.internal.xml.XmlStreamParserTest.HEADER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlWriterTest {
  static final String TRICKY = "a&b<c>d'e\"f\tg\nh\ri ]]> żółć 😀";

  static String write(java.util.function.Consumer<ByteBuf> writer) {
    ByteBuf buf = Unpooled.buffer();
    try {
      writer.accept(buf);
      return buf.toString(UTF_8);
    } finally {
      buf.release();
    }
  }

  /** Writes the element inside a jabber:client stream and parses it back. */
  static Element roundTrip(Element element, int chunk) throws XmlStreamException {
    String xml = write(b -> XmlWriter.writeElement(b, element, "jabber:client"));
    XmlStreamParserTest.Recorder r = new XmlStreamParserTest.Recorder();
    XmlStreamParserTest.feed(new XmlStreamParser(XmlLimits.DEFAULT, r), HEADER + xml, chunk);
    assertEquals(1, r.elements().size(), xml);
    return r.elements().get(0);
  }

  @Test
  void textEscaping() {
    Element e = Element.builder("body", "jabber:client").text(TRICKY).build();
    assertEquals("<body>a&amp;b&lt;c&gt;d'e\"f\tg\nh&#xD;i ]]&gt; żółć 😀</body>",
        write(b -> XmlWriter.writeElement(b, e, "jabber:client")));
  }

  @Test
  void attributeEscaping() {
    Element e = Element.builder("x", "jabber:client").attribute("a", TRICKY).build();
    assertEquals("<x a='a&amp;b&lt;c&gt;d&apos;e&quot;f&#x9;g&#xA;h&#xD;i ]]&gt; żółć 😀'/>",
        write(b -> XmlWriter.writeElement(b, e, "jabber:client")));
  }

  @Test
  void namespacesAreDeclaredOnlyWhenTheyChange() {
    Element e = Element.builder("iq", "jabber:client")
        .child(Element.builder("query", "jabber:iq:roster")
            .child(Element.of("item", "jabber:iq:roster"))
            .child(Element.of("other", "jabber:client"))
            .child(Element.of("none", "")).build())
        .build();
    assertEquals("<iq><query xmlns='jabber:iq:roster'><item/><other xmlns='jabber:client'/>"
        + "<none xmlns=''/></query></iq>",
        write(b -> XmlWriter.writeElement(b, e, "jabber:client")));
  }

  @Test
  void streamNamespaceElementsUseTheStreamPrefix() {
    Element features = Element.builder("features", StreamHeader.STREAMS_NAMESPACE)
        .child(Element.builder("starttls", "urn:ietf:params:xml:ns:xmpp-tls")
            .child(Element.of("required", "urn:ietf:params:xml:ns:xmpp-tls")).build())
        .child(Element.of("ver", "jabber:client"))
        .build();
    assertEquals("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
        + "<required/></starttls><ver/></stream:features>",
        write(b -> XmlWriter.writeElement(b, features, "jabber:client")));
    Element error = Element.builder("error", StreamHeader.STREAMS_NAMESPACE)
        .child(Element.of("not-well-formed", StreamErrorCondition.NAMESPACE)).build();
    assertEquals("<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
        + "</stream:error>", write(b -> XmlWriter.writeElement(b, error, "jabber:client")));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void trickyElementsSurviveWriteThenParse(int chunk) throws Exception {
    Element tricky = Element.builder("message", "jabber:client")
        .attribute("to", "jüliet@example.test/balcony")
        .attribute("xml:lang", "fr")
        .attribute("{urn:a}x", "1")
        .attribute("{urn:b}x", TRICKY)
        .attribute("{" + Element.XML_NAMESPACE + "}space", "preserve")
        .attribute("{" + StreamHeader.STREAMS_NAMESPACE + "}s", "v")
        .child(Element.builder("body", "jabber:client").text(TRICKY).build())
        .child(Element.builder("html", "http://jabber.org/protocol/xhtml-im")
            .child(Element.builder("body", "http://www.w3.org/1999/xhtml")
                .attribute("{urn:a}y", "2")
                .text("  lead ")
                .child(Element.builder("p", "http://www.w3.org/1999/xhtml").text("x").build())
                .child(Element.builder("bare", "").child(Element.of("deeper", "")).build())
                .child(Element.builder("back", "jabber:client").text("\n").build())
                .text(" trail  ")
                .build())
            .build())
        .child(Element.builder("features", StreamHeader.STREAMS_NAMESPACE)
            .child(Element.of("inner", "urn:inner"))
            .child(Element.of("client", "jabber:client")).build())
        .build();
    assertEquals(tricky, roundTrip(tricky, chunk));
  }

  static List<Stanza> stanzas() {
    Jid juliet = Jid.of("juliet@example.test/balcony");
    Jid romeo = Jid.of("romeo@example.net");
    return List.of(
        new Message(romeo, juliet, "m'1", Message.Type.CHAT, "en",
            List.of(Element.builder("body", Stanza.CLIENT_NAMESPACE).text(TRICKY).build(),
                Element.of("active", "http://jabber.org/protocol/chatstates"))),
        new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of()),
        new Presence(romeo, null, "p1", Presence.Type.SUBSCRIBE, null, List.of()),
        Iq.get(romeo, "i1", Element.of("ping", "urn:xmpp:ping"))
            .errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE, "<no>")));
  }

  @Test
  void stanzasAreWrittenFromTheirFieldsAsClientElements() throws Exception {
    for (Stanza stanza : stanzas()) {
      String xml = write(b -> XmlWriter.writeStanza(b, stanza));
      XmlStreamParserTest.Recorder r = new XmlStreamParserTest.Recorder();
      XmlStreamParserTest.feed(new XmlStreamParser(XmlLimits.DEFAULT, r), HEADER + xml, 1);
      Element parsed = r.elements().get(0);
      assertEquals(stanza.toElement(), parsed, xml);
      assertEquals(stanza, Stanza.fromElement(parsed), xml);
    }
  }

  @Test
  void stanzaWireFormat() {
    Message m = new Message(Jid.of("romeo@example.net"), null, "a1", Message.Type.CHAT, "en",
        List.of(Element.builder("body", Stanza.CLIENT_NAMESPACE).text("hi").build()));
    assertEquals("<message to='romeo@example.net' id='a1' type='chat' xml:lang='en'>"
        + "<body>hi</body></message>", write(b -> XmlWriter.writeStanza(b, m)));
    assertEquals("<presence/>", write(b -> XmlWriter.writeStanza(b,
        new Presence(null, null, null, null, null, List.of()))));
  }

  @Test
  void streamHeaderAndEndParseBack() throws Exception {
    StreamHeader header = new StreamHeader("stream", "stream", StreamHeader.STREAMS_NAMESPACE,
        "jabber:client", Map.of("from", "example.test", "id", "a'b", "version", "1.0",
            "xml:lang", "en"));
    String xml = write(b -> {
      XmlWriter.writeStreamHeader(b, header);
      XmlWriter.writeStreamEnd(b);
    });
    assertEquals(true, xml.startsWith("<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
        + " xmlns:stream='http://etherx.jabber.org/streams' "), xml);
    assertEquals(true, xml.endsWith("></stream:stream>"), xml);
    XmlStreamParserTest.Recorder r = XmlStreamParserTest.parse(xml, 1);
    assertEquals(List.of(header, "closed"), r.events);
  }

  @Test
  void unprefixedStreamHeaderParsesBack() throws Exception {
    StreamHeader header = new StreamHeader("", "stream", StreamHeader.STREAMS_NAMESPACE,
        StreamHeader.STREAMS_NAMESPACE, Map.of("to", "example.test"));
    String xml = write(b -> XmlWriter.writeStreamHeader(b, header));
    assertEquals(List.of(header), XmlStreamParserTest.parse(xml, 2).events);
  }
}
