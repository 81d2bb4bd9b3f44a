package io.parley.jmh.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlWriter;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the generator sends, serialized once with Parley's own writer, and the byte patterns it
 * looks for in what it receives. Nothing here parses XML: the generator's hot path is a byte
 * search.
 */
final class Wire {
  static final String DOMAIN = "localhost";
  static final String RESOURCE = "load";
  static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
  static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
  static final String BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";

  static final byte[] HEADER = bytes(out -> XmlWriter.writeStreamHeader(out, new StreamHeader(
      "stream", "stream", StreamHeader.STREAMS_NAMESPACE, Stanza.CLIENT_NAMESPACE,
      Map.of("to", DOMAIN, "version", "1.0"))));
  static final byte[] STARTTLS = element(Element.of("starttls", TLS_NS));
  static final byte[] BIND = bytes(out -> XmlWriter.writeStanza(out, Iq.set(null, "bind1",
      Element.builder("bind", BIND_NS).textChild("resource", RESOURCE).build())));
  static final byte[] PRESENCE = bytes(out -> XmlWriter.writeStanza(out,
      new Presence(null, null, null, null, null, List.of())));
  static final byte[] END = bytes(XmlWriter::writeStreamEnd);

  static final byte[] FEATURES_END = ascii("</stream:features>");
  static final byte[] FEATURES_EMPTY = ascii("<stream:features/>");
  static final byte[] PROCEED = ascii("<proceed");
  static final byte[] CHALLENGE_END = ascii("</challenge>");
  static final byte[] SUCCESS = ascii("<success");
  static final byte[] SUCCESS_END = ascii("</success>");
  static final byte[] FAILURE = ascii("<failure");
  static final byte[] STREAM_ERROR = ascii("<stream:error");
  static final byte[] IQ_END = ascii("</iq>");
  static final byte[] ERROR_TYPE_1 = ascii("type='error'");
  static final byte[] ERROR_TYPE_2 = ascii("type=\"error\"");
  static final byte[] PRESENCE_START = ascii("<presence");
  static final byte[] BODY = ascii("<body>");
  static final byte[] BODY_END = ascii("</body>");

  /** The body's fixed part: {@code s<10 digits>t<19 digits>}, then padding. */
  static final int SEQ_DIGITS = 10;
  static final int TIME_DIGITS = 19;
  static final int PAYLOAD = 1 + SEQ_DIGITS + 1 + TIME_DIGITS;

  private Wire() {}

  private static final SaslTemplate AUTH_SCRAM_SHA_1 = new SaslTemplate(
      Element.builder("auth", SASL_NS).attribute("mechanism", "SCRAM-SHA-1"));
  private static final SaslTemplate RESPONSE = new SaslTemplate(
      Element.builder("response", SASL_NS));

  /** {@code <auth mechanism='SCRAM-SHA-1'>} with the base64 initial response. */
  static byte[] authScramSha1(String base64) {
    return AUTH_SCRAM_SHA_1.with(base64);
  }

  /** {@code <response>} with base64 data. */
  static byte[] response(String base64) {
    return RESPONSE.with(base64);
  }

  /**
   * A SASL element serialized once around a marker, whose text is later base64 (no character
   * XML escapes) put in the marker's place: no element tree and serializer run per login.
   */
  private static final class SaslTemplate {
    private static final String MARK = "BASE64";
    private final byte[] before;
    private final byte[] after;

    SaslTemplate(Element.Builder element) {
      byte[] b = element(element.text(MARK).build());
      int at = indexOf(b, ascii(MARK));
      before = Arrays.copyOfRange(b, 0, at);
      after = Arrays.copyOfRange(b, at + MARK.length(), b.length);
    }

    byte[] with(String base64) {
      byte[] text = ascii(base64);
      byte[] out = Arrays.copyOf(before, before.length + text.length + after.length);
      System.arraycopy(text, 0, out, before.length, text.length);
      System.arraycopy(after, 0, out, before.length + text.length, after.length);
      return out;
    }
  }

  /**
   * A chat message to {@code to} whose body starts with the fixed-width payload; the offset of
   * the payload is {@link ChatTemplate#payloadOffset}.
   */
  static ChatTemplate chat(Jid to, int bodyBytes) {
    char[] pad = new char[Math.max(0, bodyBytes - PAYLOAD)];
    Arrays.fill(pad, 'x');
    String body = "s" + "0".repeat(SEQ_DIGITS) + "t" + "0".repeat(TIME_DIGITS) + new String(pad);
    byte[] b = bytes(out -> XmlWriter.writeStanza(out,
        new Message(to, null, "m", Message.Type.CHAT, null, List.of(
            Element.builder("body", Stanza.CLIENT_NAMESPACE).text(body).build()))));
    int at = indexOf(b, BODY) + BODY.length;
    return new ChatTemplate(b, at);
  }

  /** Pre-serialized message bytes and where the payload digits go. */
  record ChatTemplate(byte[] bytes, int payloadOffset) {
    /** Writes the message with the sequence number and send time filled in. */
    void write(ByteBuf out, long seq, long nanos) {
      int start = out.writerIndex();
      out.writeBytes(bytes);
      digits(out, start + payloadOffset + 1, SEQ_DIGITS, seq);
      digits(out, start + payloadOffset + 2 + SEQ_DIGITS, TIME_DIGITS, nanos);
    }
  }

  static void digits(ByteBuf out, int at, int width, long value) {
    for (int i = at + width - 1; i >= at; i--) {
      out.setByte(i, '0' + (int) (value % 10));
      value /= 10;
    }
  }

  static long parseDigits(ByteBuf in, int at, int width) {
    long v = 0;
    for (int i = at; i < at + width; i++) {
      int d = in.getByte(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** The index of {@code pattern} in the readable bytes of {@code in} from {@code from}, or -1. */
  static int indexOf(ByteBuf in, byte[] pattern, int from) {
    int last = in.writerIndex() - pattern.length;
    byte first = pattern[0];
    // ByteBuf.indexOf finds the first byte several bytes at a time; the generator's CPU is the
    // server's loss on a shared machine, and a byte-at-a-time scan was a sixth of it.
    for (int i = Math.max(from, in.readerIndex()); i <= last; i++) {
      i = in.indexOf(i, last + 1, first);
      if (i < 0) {
        return -1;
      }
      if (matchesAt(in, i, pattern)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matchesAt(ByteBuf in, int at, byte[] pattern) {
    for (int j = 1; j < pattern.length; j++) {
      if (in.getByte(at + j) != pattern[j]) {
        return false;
      }
    }
    return true;
  }

  static boolean contains(ByteBuf in, byte[] pattern) {
    return indexOf(in, pattern, in.readerIndex()) >= 0;
  }

  static int indexOf(byte[] in, byte[] pattern) {
    return indexOf(Unpooled.wrappedBuffer(in), pattern, 0);
  }

  private static byte[] element(Element e) {
    return bytes(out -> XmlWriter.writeElement(out, e, Stanza.CLIENT_NAMESPACE));
  }

  private static byte[] bytes(Consumer<ByteBuf> writer) {
    ByteBuf out = Unpooled.buffer();
    writer.accept(out);
    byte[] b = new byte[out.readableBytes()];
    out.readBytes(b);
    return b;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
