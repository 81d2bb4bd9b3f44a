package io.parley.embedded.internal.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.Parley;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlLimits;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.embedded.testing.ScramClient;
import io.parley.spi.stanza.Element;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The real HTTP pipeline of a real server graph on EmbeddedChannels, with a client-side
 * WebSocket codec: HTTP bytes and masked frames in, frames out, host work inline.
 */
final class WebSocketHarness implements AutoCloseable {
  static final String DOMAIN = "example.test";
  static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
  static final String OPEN = "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.test'"
      + " version='1.0'/>";
  static final String CLOSE = "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>";

  final Parley parley;
  final HttpSite site;

  WebSocketHarness(Path dataDir, Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder()
        .domain(DOMAIN)
        .tcpPort(-1)
        .directTlsPort(-1)
        .tlsRequired(false)
        .dataDirectory(dataDir)
        .blockingExecutor(Runnable::run)
        .credentials(new InMemoryCredentialStore()
            .addUser("juliet", "r0meo")
            .addUser("romeo", "jul1et"));
    customize.accept(b);
    parley = b.build();
    site = new HttpSite(ParleyTestAccess.config(parley),
        ParleyTestAccess.component(parley).c2sStreams());
    site.boundPorts(5280, -1);
  }

  /** A new HTTP connection through the production initializer. */
  EmbeddedChannel connect() {
    return new EmbeddedChannel(new HttpChannelInitializer(site, null));
  }

  /** Sends raw HTTP request text and returns the raw response text. */
  static String http(EmbeddedChannel ch, String request) {
    ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
    ch.runPendingTasks();
    StringBuilder sb = new StringBuilder();
    Object o;
    while ((o = ch.readOutbound()) != null) {
      ByteBuf buf = (ByteBuf) o;
      sb.append(buf.toString(StandardCharsets.UTF_8));
      buf.release();
    }
    return sb.toString();
  }

  static String upgradeRequest(String path, String protocols) {
    return "GET " + path + " HTTP/1.1\r\nHost: example.test:5280\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + (protocols == null ? "" : "Sec-WebSocket-Protocol: " + protocols + "\r\n") + "\r\n";
  }

  /** An upgraded connection at the default path with the xmpp subprotocol. */
  EmbeddedChannel upgraded() {
    EmbeddedChannel ch = connect();
    String response = http(ch, upgradeRequest("/xmpp-websocket", "xmpp"));
    assertEquals("HTTP/1.1 101 Switching Protocols", response.lines().findFirst().orElse(""),
        response);
    return ch;
  }

  /** Sends one frame as a client would (masked). */
  static void send(EmbeddedChannel ch, WebSocketFrame frame) {
    EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    encoder.writeOutbound(frame);
    Object o;
    while ((o = encoder.readOutbound()) != null) {
      ch.writeInbound(o);
    }
    encoder.finishAndReleaseAll();
    ch.runPendingTasks();
  }

  static void send(EmbeddedChannel ch, String text) {
    send(ch, new TextWebSocketFrame(text));
  }

  /** Every frame the server wrote since the last read. */
  static List<WebSocketFrame> frames(EmbeddedChannel ch) {
    ch.runPendingTasks();
    EmbeddedChannel decoder = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false,
        1 << 20));
    Object o;
    while ((o = ch.readOutbound()) != null) {
      decoder.writeInbound(o);
    }
    List<WebSocketFrame> frames = new ArrayList<>();
    while ((o = decoder.readInbound()) != null) {
      frames.add((WebSocketFrame) o);
    }
    decoder.finishAndReleaseAll();
    return frames;
  }

  /** The text messages written since the last read, each parsed as a standalone document. */
  static List<Element> messages(EmbeddedChannel ch) {
    List<Element> out = new ArrayList<>();
    for (WebSocketFrame f : frames(ch)) {
      if (f instanceof TextWebSocketFrame t) {
        out.add(parseMessage(t.text()));
      }
      f.release();
    }
    return out;
  }

  /** Parses one message strictly as RFC 7395 wants it: one element, all namespaces declared. */
  static Element parseMessage(String text) {
    List<Element> parsed = new ArrayList<>();
    XmlStreamParser parser = XmlStreamParser.forMessages(XmlLimits.DEFAULT,
        new XmlStreamParser.Listener() {
          @Override
          public void streamOpened(StreamHeader header) {
            throw new AssertionError();
          }

          @Override
          public void element(Element element) {
            parsed.add(element);
          }

          @Override
          public void streamClosed() {
            throw new AssertionError();
          }
        });
    try {
      parser.feedMessage(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    } catch (XmlStreamException e) {
      throw new AssertionError("server wrote a bad message (" + e.getMessage() + "): " + text, e);
    }
    return parsed.get(0);
  }

  /** Opens a stream and authenticates with SCRAM-SHA-1, leaving the stream ready to restart. */
  static void authenticate(EmbeddedChannel ch, String user, String password) {
    send(ch, OPEN);
    messages(ch);
    ScramClient scram = new ScramClient("SCRAM-SHA-1", user, password);
    send(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
        + scram.clientFirst() + "</auth>");
    Element challenge = messages(ch).get(0);
    assertEquals("challenge", challenge.name(), challenge.toString());
    send(ch, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + scram.clientFinal(challenge.text()) + "</response>");
    Element success = messages(ch).get(0);
    assertEquals("success", success.name(), success.toString());
  }

  /** A bound session for the given full JID, with initial presence sent. */
  EmbeddedChannel bound(String fullJid, String password) {
    EmbeddedChannel ch = upgraded();
    String user = fullJid.substring(0, fullJid.indexOf('@'));
    String resource = fullJid.substring(fullJid.indexOf('/') + 1);
    authenticate(ch, user, password);
    send(ch, OPEN);
    List<Element> restarted = messages(ch);
    assertEquals(2, restarted.size(), restarted.toString());
    send(ch, "<iq xmlns='jabber:client' type='set' id='b1'>"
        + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
        + "</resource></bind></iq>");
    List<Element> boundOut = messages(ch);
    if (boundOut.isEmpty()) {
      throw new AssertionError("no bind result; channel open: " + ch.isOpen());
    }
    Element bound = boundOut.get(0);
    assertEquals("result", bound.attribute("type"), bound.toString());
    send(ch, "<presence xmlns='jabber:client'/>");
    messages(ch);
    return ch;
  }

  @Override
  public void close() {
    parley.close();
  }
}
