package io.parley.embedded.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A bare socket speaking hand-written XMPP, for sending what no well-behaved client would. */
public final class RawClient implements AutoCloseable {
  public static final String OPEN = "<?xml version='1.0'?><stream:stream to='localhost'"
      + " version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final StringBuilder received = new StringBuilder();

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Connects to the plain client port (STARTTLS offered, not begun). */
  public static RawClient connect(int port) throws IOException {
    return new RawClient(new Socket("127.0.0.1", port));
  }

  /** Connects to the XEP-0368 direct TLS port. */
  public static RawClient directTls(SSLContext tls, int port) throws IOException {
    SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
    s.startHandshake();
    return new RawClient(s);
  }

  public RawClient send(String xml) throws IOException {
    out.write(xml.getBytes(StandardCharsets.UTF_8));
    out.flush();
    return this;
  }

  /** Reads until everything received so far matches, or the timeout passes; returns it all. */
  public String readUntil(Predicate<String> done, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buf = new byte[8192];
    while (!done.test(received.toString()) && System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      try {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      } catch (SocketTimeoutException e) {
        break;
      }
    }
    return received.toString();
  }

  /** Forgets what was read so far. */
  public void clear() {
    received.setLength(0);
  }

  /** Whether the server closed the connection (reads end of stream). */
  public boolean closedByServer(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    try {
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) >= 0) {
        received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  /** Logs in with SCRAM-SHA-1 and binds {@code resource}; leaves the session bound. */
  public RawClient login(String user, String password, String resource) throws IOException {
    send(OPEN);
    readUntil(s -> s.contains("</stream:features>"), Duration.ofSeconds(10));
    clear();
    ScramClient scram = new ScramClient("SCRAM-SHA-1", user, password);
    send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
        + scram.clientFirst() + "</auth>");
    String challenge = readUntil(s -> s.contains("</challenge>"), Duration.ofSeconds(10));
    String data = challenge.substring(challenge.indexOf('>') + 1, challenge.indexOf("</challenge>"));
    clear();
    send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + scram.clientFinal(data)
        + "</response>");
    String result = readUntil(s -> s.contains("</success>") || s.contains("</failure>"),
        Duration.ofSeconds(10));
    if (!result.contains("success")) {
      throw new IOException("login failed: " + result);
    }
    clear();
    send(OPEN);
    readUntil(s -> s.contains("</stream:features>"), Duration.ofSeconds(10));
    clear();
    send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
        + resource + "</resource></bind></iq>");
    readUntil(s -> s.contains("</iq>"), Duration.ofSeconds(10));
    clear();
    return this;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
