package io.parley.jmh.transport.websocket;

import io.netty.buffer.Unpooled;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlLimits;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.embedded.testing.ScramClient;
import io.parley.spi.stanza.Element;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A minimal XMPP client over plain TCP or WebSocket (RFC 7395) for the benchmark: no library
 * overhead, so the difference measured is the server's transport. Logs in with SCRAM-SHA-1,
 * binds, sends initial presence; then every received top-level element goes to the handler.
 */
abstract class XmppTestClient implements AutoCloseable {
  private final BlockingQueue<Element> setup = new LinkedBlockingQueue<>();
  private volatile Consumer<Element> handler;

  abstract void send(String xml) throws Exception;

  abstract String open();

  /** After SASL success: a new stream (RFC 6120 §6.4.6), framed as the transport wants. */
  abstract void restart() throws Exception;

  void received(Element e) {
    Consumer<Element> h = handler;
    if (h != null) {
      h.accept(e);
    } else {
      setup.add(e);
    }
  }

  private Element next(String name) throws InterruptedException {
    while (true) {
      Element e = setup.poll(15, TimeUnit.SECONDS);
      if (e == null) {
        throw new IllegalStateException("timed out waiting for <" + name + "/>");
      }
      if (e.name().equals(name)) {
        return e;
      }
    }
  }

  /** Logs in and binds {@code user@localhost/bench}, then hands every element to handler. */
  void login(String user, String password, Consumer<Element> onElement) throws Exception {
    send(open());
    next("features");
    ScramClient scram = new ScramClient("SCRAM-SHA-1", user, password);
    send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
        + scram.clientFirst() + "</auth>");
    Element challenge = next("challenge");
    send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + scram.clientFinal(challenge.text()) + "</response>");
    next("success");
    restart();
    send(open());
    next("features");
    send("<iq xmlns='jabber:client' type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:"
        + "xmpp-bind'><resource>bench</resource></bind></iq>");
    next("iq");
    send("<presence xmlns='jabber:client'/>");
    next("presence");
    handler = onElement;
  }

  /** Plain TCP: one XML stream, parsed as it arrives by a reader thread. */
  static final class Tcp extends XmppTestClient {
    private final Socket socket;
    private final OutputStream out;
    private final XmlStreamParser parser;

    Tcp(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      parser = new XmlStreamParser(new XmlLimits(1 << 20, 64), new XmlStreamParser.Listener() {
        @Override
        public void streamOpened(StreamHeader header) {
        }

        @Override
        public void element(Element element) {
          if (element.name().equals("success")) {
            parser().reset();
          }
          received(element);
        }

        @Override
        public void streamClosed() {
        }
      });
      Thread reader = new Thread(this::read, "bench-tcp-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private XmlStreamParser parser() {
      return parser;
    }

    private void read() {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = socket.getInputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          parser.feed(Unpooled.wrappedBuffer(buf, 0, n));
        }
      } catch (IOException | XmlStreamException e) {
        // closed
      }
    }

    @Override
    String open() {
      return "<?xml version='1.0'?><stream:stream to='localhost' version='1.0'"
          + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    }

    @Override
    void restart() {
    }

    @Override
    synchronized void send(String xml) throws IOException {
      out.write(xml.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * WebSocket over a plain socket, framing by hand (RFC 6455 §5.2: masked client frames), so
   * both clients do the same blocking socket I/O and only the server's transport differs.
   */
  static final class Ws extends XmppTestClient {
    private final Socket socket;
    private final OutputStream out;
    private final XmlStreamParser parser;
    private final java.util.Random random = new java.util.Random();

    Ws(int port) throws IOException {
      parser = XmlStreamParser.forMessages(new XmlLimits(1 << 20, 64),
          new XmlStreamParser.Listener() {
            @Override
            public void streamOpened(StreamHeader header) {
            }

            @Override
            public void element(Element element) {
              received(element);
            }

            @Override
            public void streamClosed() {
            }
          });
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      out.write(("GET /xmpp-websocket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      java.io.DataInputStream in = new java.io.DataInputStream(
          new java.io.BufferedInputStream(socket.getInputStream()));
      // The 101 response ends with an empty line.
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("no upgrade");
        }
        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      Thread reader = new Thread(() -> read(in), "bench-ws-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void read(java.io.DataInputStream in) {
      try {
        while (true) {
          int b0 = in.readUnsignedByte();
          int b1 = in.readUnsignedByte();
          long length = b1 & 0x7f;
          if (length == 126) {
            length = in.readUnsignedShort();
          } else if (length == 127) {
            length = in.readLong();
          }
          byte[] payload = new byte[(int) length];
          in.readFully(payload);
          if ((b0 & 0x0f) == 1) {
            parser.feedMessage(Unpooled.wrappedBuffer(payload));
          }
        }
      } catch (IOException | XmlStreamException e) {
        // closed
      }
    }

    @Override
    String open() {
      return "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='localhost' version='1.0'/>";
    }

    @Override
    void restart() {
    }

    @Override
    synchronized void send(String xml) throws IOException {
      byte[] payload = xml.getBytes(StandardCharsets.UTF_8);
      int header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
      byte[] frame = new byte[header + 4 + payload.length];
      frame[0] = (byte) 0x81; // FIN, text
      if (payload.length < 126) {
        frame[1] = (byte) (0x80 | payload.length);
      } else if (payload.length < 65536) {
        frame[1] = (byte) (0x80 | 126);
        frame[2] = (byte) (payload.length >>> 8);
        frame[3] = (byte) payload.length;
      } else {
        throw new IllegalArgumentException("message too long for the benchmark client");
      }
      byte[] mask = new byte[4];
      random.nextBytes(mask);
      System.arraycopy(mask, 0, frame, header, 4);
      for (int i = 0; i < payload.length; i++) {
        frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
      }
      out.write(frame);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
