package io.parley.embedded.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.embedded.Parley;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.internal.transport.websocket.WebSocketMessages;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session core under RFC 7395 framing, through a recording transport. */
class WebSocketFramingCoreTest {
  @TempDir Path dataDir;
  private Parley parley;
  private C2sStreams streams;

  @BeforeEach
  void setUp() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .tlsRequired(false).dataDirectory(dataDir).blockingExecutor(Runnable::run).build();
    streams = ParleyTestAccess.component(parley).c2sStreams();
  }

  @AfterEach
  void tearDown() {
    parley.close();
  }

  /** Records what the core writes, as RFC 7395 messages. */
  static final class Recording implements StreamTransport {
    final StreamFraming framing;
    final List<String> messages = new ArrayList<>();
    boolean closed;

    Recording(StreamFraming framing) {
      this.framing = framing;
    }

    private void record(Object msg) {
      ByteBuf buf = Unpooled.buffer();
      WebSocketMessages.encode(msg, buf);
      messages.add(buf.toString(StandardCharsets.UTF_8));
      buf.release();
    }

    @Override public String name() { return "recording"; }
    @Override public SocketAddress remoteAddress() { return null; }
    @Override public Executor executor() { return Runnable::run; }
    @Override public boolean isSecure() { return true; }
    @Override public boolean canStartTls() { return false; }
    @Override public void openStream(StreamHeader header) { record(header); }
    @Override public void write(Element element) { record(element); }
    @Override public void write(Stanza stanza) { record(stanza); }
    @Override public void flush() { }
    @Override public boolean isWritable() { return true; }
    @Override public void startTls() { throw new UnsupportedOperationException(); }
    @Override public void restartStream() { }
    @Override public void pauseReading() { }
    @Override public void resumeReading() { }
    @Override public StreamFraming framing() { return framing; }

    @Override
    public void closeStream() {
      closeStream(null);
    }

    @Override
    public void closeStream(String seeOtherUri) {
      record(new WebSocketMessages.Close(seeOtherUri));
      closed = true;
    }
  }

  @Test
  void redirectIsACloseWithSeeOtherUri() {
    Recording t = new Recording(StreamFraming.WEBSOCKET);
    C2sStream stream = streams.create(t);
    stream.element(StreamFraming.openElement(new StreamHeader("", "open",
        StreamFraming.FRAMING_NAMESPACE, "", java.util.Map.of("to", "example.test",
            "version", "1.0"))));
    t.messages.clear();
    stream.redirect("wss://other.example.test/xmpp");
    assertEquals(List.of("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'"
        + " see-other-uri='wss://other.example.test/xmpp'/>"), t.messages);
    assertTrue(t.closed);
    assertFalse(stream.isOpen());
  }

  @Test
  void redirectBeforeOpenAnswersWithOpenFirst() {
    Recording t = new Recording(StreamFraming.WEBSOCKET);
    C2sStream stream = streams.create(t);
    stream.redirect("wss://other.example.test/xmpp");
    assertEquals(2, t.messages.size(), t.messages.toString());
    assertTrue(t.messages.get(0).startsWith("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing'"),
        t.messages.get(0));
  }

  @Test
  void tcpStreamsHaveNoSeeOtherUri() {
    C2sStream stream = streams.create(new Recording(StreamFraming.XML_STREAM));
    assertThrows(UnsupportedOperationException.class, () -> stream.redirect("wss://x/"));
  }

  @Test
  void closeBeforeOpenIsAnsweredWithClose() {
    Recording t = new Recording(StreamFraming.WEBSOCKET);
    C2sStream stream = streams.create(t);
    stream.element(StreamFraming.closeElement(null));
    assertEquals(List.of("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>"), t.messages);
    assertTrue(t.closed);
  }
}
