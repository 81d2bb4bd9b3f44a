package io.parley.embedded.internal.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.Parley;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.internal.di.ParleyComponent;
import io.parley.embedded.internal.tls.TlsContexts;
import io.parley.embedded.testing.ScramClient;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.stanza.Element;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the real client pipeline of a real server graph on EmbeddedChannels: bytes in, bytes out,
 * with host work run inline so every exchange is deterministic.
 */
final class C2sHarness implements AutoCloseable {
  static final String DOMAIN = "example.test";
  static final String OPEN = "<?xml version='1.0'?><stream:stream to='example.test' version='1.0'"
      + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

  final Parley parley;
  final ParleyComponent component;
  private final SslContext tls;
  private final OpenConnections connections;

  C2sHarness(Path dataDir, boolean withTls, Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder()
        .domain(DOMAIN)
        .tcpPort(-1)
        .directTlsPort(-1)
        .tlsRequired(withTls)
        .dataDirectory(dataDir).inMemoryStorage()
        .blockingExecutor(Runnable::run)
        .credentials(new InMemoryCredentialStore()
            .addUser("juliet", "r0meo")
            .addUser("romeo", "jul1et"));
    customize.accept(b);
    parley = b.build();
    component = ParleyTestAccess.component(parley);
    connections = new OpenConnections(
        C2sChannelHandler.Timeouts.of(ParleyTestAccess.config(parley)));
    tls = withTls ? TlsContexts.serverContext(null, null, dataDir, DOMAIN) : null;
  }

  /** The server's TLS context, or null without TLS. */
  SslContext tls() {
    return tls;
  }

  C2sHarness(Path dataDir) {
    this(dataDir, false, b -> { });
  }

  /** A new connection through the production initializer. */
  EmbeddedChannel connect() {
    return new EmbeddedChannel(new C2sChannelInitializer(
        ParleyTestAccess.config(parley), component.c2sStreams(), tls, false, connections));
  }

  /** Feeds the text split into chunks of the given size, running the tasks each chunk caused. */
  static void feed(EmbeddedChannel ch, String xml, int chunk) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length && ch.isOpen(); i += chunk) {
      ch.writeInbound(Unpooled.copiedBuffer(bytes, i, Math.min(chunk, bytes.length - i)));
      ch.runPendingTasks();
    }
    ch.runPendingTasks();
  }

  static void feed(EmbeddedChannel ch, String xml) {
    feed(ch, xml, Integer.MAX_VALUE);
  }

  /** Everything written since the last read, as text. */
  static String read(EmbeddedChannel ch) {
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

  /** Reads what was written since the last read as XML inside the current stream. */
  static List<Element> readElements(EmbeddedChannel ch) {
    return XmlOutput.parse(read(ch)).elements();
  }

  /** Asserts that exactly these elements were written since the last read. */
  static void assertSent(EmbeddedChannel ch, String expectedXml) {
    assertEquals(XmlOutput.elements(expectedXml), readElements(ch));
  }

  /** Asserts the stream ended with this stream error and the connection closed. */
  static void assertStreamError(EmbeddedChannel ch, String condition) {
    String out = read(ch);
    XmlOutput parsed = XmlOutput.parse(out);
    Element last = parsed.elements().get(parsed.elements().size() - 1);
    assertEquals("error", last.name(), out);
    assertEquals("http://etherx.jabber.org/streams", last.namespace(), out);
    assertEquals(condition, last.elements().get(0).name(), out);
    assertTrue(parsed.closed(), "stream end written: " + out);
    assertFalse(ch.isOpen(), "connection closed");
  }

  /** Opens a stream and authenticates with SCRAM-SHA-1, leaving the stream ready to bind. */
  static void authenticate(EmbeddedChannel ch, String user, String password) {
    feed(ch, OPEN);
    read(ch);
    ScramClient scram = new ScramClient("SCRAM-SHA-1", user, password);
    feed(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
        + scram.clientFirst() + "</auth>");
    Element challenge = readElements(ch).get(0);
    assertEquals("challenge", challenge.name(), challenge.toString());
    feed(ch, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + scram.clientFinal(challenge.text()) + "</response>");
    Element success = readElements(ch).get(0);
    assertEquals("success", success.name(), success.toString());
    assertTrue(scram.verifyServerFinal(success.text()), "server proved the credential");
  }

  /** A bound session for the given full JID, with initial presence sent. */
  EmbeddedChannel bound(String fullJid, String password) {
    EmbeddedChannel ch = connect();
    String user = fullJid.substring(0, fullJid.indexOf('@'));
    String resource = fullJid.substring(fullJid.indexOf('/') + 1);
    authenticate(ch, user, password);
    feed(ch, OPEN);
    read(ch);
    feed(ch, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
        + resource + "</resource></bind></iq>");
    assertSent(ch, "<iq type='result' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
        + "<jid>" + fullJid + "</jid></bind></iq>");
    feed(ch, "<presence/>");
    read(ch); // the server reflects the initial presence (RFC 6121 §4.2.2)
    return ch;
  }

  @Override
  public void close() {
    parley.close();
  }
}
