package io.parley.embedded.internal.xml;

import com.fasterxml.aalto.AsyncByteBufferFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import io.netty.buffer.ByteBuf;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Text;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * Parses one XML stream (RFC 6120 §4) incrementally with aalto-xml's asynchronous parser, fed
 * straight from Netty buffers, and frames it into the stream header, its top-level elements and
 * the stream end. Not thread-safe: one per connection, used from its event loop.
 *
 * <p>Failure: once {@link #feed} has thrown (an {@link XmlStreamException}, or a runtime exception
 * from the listener), the parser is dead. Every later {@link #feed} skips all readable bytes and
 * throws an {@link XmlStreamException} with the same condition; {@link #reset()} does not revive
 * it. The caller is expected to send the stream error once and close the connection.
 *
 * <p>Stream-level text: whitespace between top-level elements is ignored; any other character
 * data directly inside the stream root ends the stream with {@code bad-format}.
 *
 * <p>Message mode ({@link #forMessages}, RFC 7395 §3.3.1): every message is a standalone document
 * holding exactly one element, delivered through {@link Listener#element}; there is no stream root
 * and {@link Listener#streamOpened}/{@link Listener#streamClosed} are never called. A message that
 * does not start with {@code <}, holds text outside its element, more than one element, or an
 * incomplete one is {@code not-well-formed}; an RFC 6120 stream header sent as a message is
 * {@code invalid-namespace}.
 */
public final class XmlStreamParser {
  /** Receives what the parser framed; called synchronously from {@link #feed}. */
  public interface Listener {
    void streamOpened(StreamHeader header) throws XmlStreamException;

    /** A complete top-level element (a child of the stream root). */
    void element(Element element) throws XmlStreamException;

    void streamClosed() throws XmlStreamException;
  }

  private static final String XML_LANG = "xml:lang";

  /*
   * Configured once and only read afterwards: creating readers from it is thread-safe. aalto's
   * async reader never loads external entities or expands DTD entities; reporting DTDs,
   * comments, PIs and entity references as events (not skipping them) is what lets the parser
   * reject them per RFC 6120 §11.1.
   */
  private static final AsyncXMLInputFactory FACTORY = createFactory();

  private final XmlLimits limits;
  private final Listener listener;
  /** Message mode: the document root is the unit; in stream mode its children are. */
  private final boolean messages;
  private final int unitDepth;

  /**
   * The aalto reader of the current document, or null: none created yet for this document, or
   * parked (see {@link ReaderPool}) while the stream sits between stanzas.
   */
  private AsyncXMLStreamReader<AsyncByteBufferFeeder> reader;
  /**
   * The namespace context of the open stream root (stream mode, after the header): what a parked
   * reader must reproduce to continue this stream. Null before the header and after a reset.
   */
  private ReaderPool.Context context;
  /** Bytes fed to the current reader; aalto's offsets count from the start of its document. */
  private long fed;
  /**
   * Where the bytes not yet accounted to a complete stream-level event begin: the start of the
   * open top-level element, or the end of the last stream-level event. The bytes from here to
   * {@link #fed} are what aalto and this parser may be holding for the current unit.
   */
  private long unitStart;
  private int depth;
  /** Open elements below the root; null until one is open (idle sessions hold none). */
  private Frame[] frames;
  private boolean resetRequested;
  private StreamErrorCondition failure;

  public XmlStreamParser(XmlLimits limits, Listener listener) {
    this(limits, listener, false);
  }

  private XmlStreamParser(XmlLimits limits, Listener listener, boolean messages) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.messages = messages;
    this.unitDepth = messages ? 1 : 2;
    newDocument();
  }

  /** A parser for framed input: one element per message, fed with {@link #feedMessage}. */
  public static XmlStreamParser forMessages(XmlLimits limits, Listener listener) {
    return new XmlStreamParser(limits, listener, true);
  }

  /**
   * Parses one complete message (message mode only): its element reaches the listener, and the
   * next message starts a new document. The caller keeps ownership of the buffer.
   *
   * @throws XmlStreamException as {@link #feed} does, and {@code not-well-formed} for a message
   *     that is not exactly one complete element
   */
  public void feedMessage(ByteBuf message) throws XmlStreamException {
    if (!messages) {
      throw new IllegalStateException("not a message parser");
    }
    if (failure == null && (message.readableBytes() == 0
        || message.getByte(message.readerIndex()) != '<')) {
      // RFC 7395 §3.3.1: the first character of each frame MUST be '<' (no whitespace pings).
      failure = StreamErrorCondition.NOT_WELL_FORMED;
      message.skipBytes(message.readableBytes());
      throw new XmlStreamException(failure, "a message must start with '<'");
    }
    feed(message);
    if (depth != 0 || !rootDone) {
      failure = rootIsStreamHeader
          ? StreamErrorCondition.INVALID_NAMESPACE : StreamErrorCondition.NOT_WELL_FORMED;
      throw new XmlStreamException(failure, rootIsStreamHeader
          ? "an RFC 6120 stream header instead of <open/> (RFC 7395 §3.3.2)"
          : "a message must hold one complete element");
    }
    Element element = messageElement;
    newDocument();
    try {
      listener.element(element);
    } catch (RuntimeException e) {
      failure = StreamErrorCondition.INTERNAL_SERVER_ERROR;
      throw e;
    }
  }

  /**
   * Parses all readable bytes of {@code in} (advancing its reader index), calling the listener
   * for every complete event. The caller keeps ownership of the buffer.
   *
   * @throws XmlStreamException for input that ends the stream: {@code not-well-formed},
   *     {@code restricted-xml} (comments, processing instructions, DTDs, entity references other
   *     than the predefined five), {@code policy-violation} (limits), {@code unsupported-encoding}
   */
  public void feed(ByteBuf in) throws XmlStreamException {
    if (failure != null) {
      in.skipBytes(in.readableBytes());
      throw new XmlStreamException(failure, "the stream has already failed");
    }
    int length = in.readableBytes();
    if (length == 0) {
      return;
    }
    if (reader == null && context != null && carryLength == 0 && isWhitespace(in)) {
      // A whitespace keepalive between stanzas (RFC 6120 §4.6.1): stream-level whitespace is
      // ignored anyway, so a parked reader stays parked.
      fed += length;
      unitStart = fed;
      in.skipBytes(length);
      return;
    }
    if (reader == null && context != null) {
      reader(); // unparks: the UTF-8 check below needs the validator that came with it
    }
    boolean done = false;
    try {
      if (in.nioBufferCount() == 1) {
        parse(in.nioBuffer(in.readerIndex(), length));
      } else {
        for (ByteBuffer b : in.nioBuffers(in.readerIndex(), length)) {
          parse(b);
        }
      }
      done = true;
      parkIfBetweenStanzas();
    } catch (XmlStreamException e) {
      failure = e.condition();
      throw e;
    } finally {
      if (!done && failure == null) {
        // A listener threw something unchecked: parser state is unknown from here on.
        failure = StreamErrorCondition.INTERNAL_SERVER_ERROR;
      }
      in.skipBytes(length);
    }
  }

  /**
   * Starts a new document, as after STARTTLS or SASL success (RFC 6120 §5.4.3.3, §6.4.6). May be
   * called from a listener callback: the bytes after the current event then go to the new
   * document.
   */
  public void reset() {
    if (failure != null) {
      return;
    }
    // Inside feed the switch waits until the current event is done; see parse.
    resetRequested = true;
    if (!feeding) {
      newDocument();
    }
  }

  private boolean feeding;
  /** Message mode: the message's element is complete; any other element is a second root. */
  private boolean rootDone;
  private boolean rootIsStreamHeader;
  private Element messageElement;
  /** Travels with the reader when it parks (it is between characters then). */
  private Utf8Validator utf8 = new Utf8Validator();
  /** The start of a character split across inputs: aalto mis-decodes such splits. */
  private byte[] carry; // created by the first split character
  private int carryLength;
  private byte prologLast;
  private boolean prologMarkup;

  private void newDocument() {
    if (reader != null) {
      ReaderPool.close(reader);
    }
    // Created when the document's first byte arrives: an idle stream or message channel holds
    // none.
    reader = null;
    context = null;
    fed = 0;
    unitStart = 0;
    depth = 0;
    resetRequested = false;
    if (utf8 == null) {
      utf8 = new Utf8Validator();
    }
    utf8.reset();
    carryLength = 0;
    prologLast = 0;
    prologMarkup = false;
    rootDone = false;
    rootIsStreamHeader = false;
    messageElement = null;
    if (frames != null) {
      for (Frame f : frames) {
        if (f != null) {
          f.clear();
        }
      }
    }
  }

  /**
   * Parks the reader once all input is consumed and nothing is open below the stream root:
   * aalto then holds no bytes and no state of this stream beyond its root's namespace context,
   * which {@link #context} records, so the scanner, its buffers and name table go back to a
   * per-thread pool instead of staying with an idle connection.
   */
  private void parkIfBetweenStanzas() {
    if (reader != null && context != null && depth == 1 && unitStart == fed && carryLength == 0
        && !resetRequested) {
      utf8.reset();
      ReaderPool.park(context, reader, fed, frames, utf8);
      reader = null;
      frames = null;
      utf8 = null;
      carry = null;
    }
  }

  /** The reader for the next bytes: a fresh one for a new document, else an unparked one. */
  private AsyncXMLStreamReader<AsyncByteBufferFeeder> reader() {
    AsyncXMLStreamReader<AsyncByteBufferFeeder> r = reader;
    if (r != null) {
      return r;
    }
    if (context == null) {
      r = FACTORY.createAsyncForByteBuffer();
    } else {
      ReaderPool.Parked p = ReaderPool.unpark(context, FACTORY);
      r = p.reader;
      // Offsets continue from what this reader has consumed; this parser's unit bookkeeping only
      // uses differences, and nothing of the current unit was buffered when it parked.
      fed = p.fed;
      unitStart = p.fed;
      if (frames == null) {
        frames = p.frames;
      }
      utf8 = p.utf8;
    }
    reader = r;
    return r;
  }

  /** Whether an aalto reader is attached now (for tests and diagnostics: idle streams hold none). */
  public boolean holdsReader() {
    return reader != null;
  }

  private static boolean isWhitespace(ByteBuf in) {
    for (int i = in.readerIndex(), end = in.writerIndex(); i < end; i++) {
      byte b = in.getByte(i);
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Feeds one NIO view of the input to aalto: checked as UTF-8 first, in slices no larger than
   * the open unit may still grow, and cut at character boundaries.
   */
  private void parse(ByteBuffer buffer) throws XmlStreamException {
    int pos = buffer.position();
    int end = buffer.limit();
    feeding = true;
    try {
      while (pos < end) {
        if (carryLength > 0) {
          // Complete the character split off the previous input before aalto sees any of it.
          while (pos < end && utf8.pending()) {
            byte b = buffer.get(pos++);
            if (!utf8.accept(b)) {
              throw notUtf8();
            }
            carry[carryLength++] = b;
          }
          if (utf8.pending()) {
            return;
          }
          int length = carryLength;
          carryLength = 0;
          // No listener runs inside one character, so a reset cannot be pending after this.
          feedAndDrain(ByteBuffer.wrap(carry, 0, length));
          continue;
        }
        long allowance = unitStart + limits.maxStanzaBytes() - fed;
        int len = (int) Math.min(end - pos, allowance);
        if (depth == 0) {
          notePrologMarkup(buffer, pos, pos + len);
        }
        int bad = utf8.scan(buffer, pos, pos + len);
        int sliceEnd = bad >= 0 ? bad : pos + len - utf8.partialLength();
        if (bad < 0) {
          if (carry == null && sliceEnd < pos + len) {
            carry = new byte[4];
          }
          for (int i = sliceEnd; i < pos + len; i++) {
            carry[carryLength++] = buffer.get(i);
          }
        }
        if (sliceEnd > pos) {
          // A slice starts at position 0: aalto's byte offsets are only right for such buffers.
          int consumed = feedAndDrain(buffer.slice(pos, sliceEnd - pos));
          if (consumed >= 0) {
            // reset() from a callback: the bytes the old document did not consume go to the new.
            newDocument();
            pos += consumed;
            continue;
          }
        }
        if (bad >= 0) {
          throw notUtf8();
        }
        pos += len;
        if (fed + carryLength - unitStart >= limits.maxStanzaBytes()) {
          throw new XmlStreamException(StreamErrorCondition.POLICY_VIOLATION,
              depth < unitDepth
                  ? "more than " + limits.maxStanzaBytes() + " bytes without a complete element"
                  : "top-level element larger than " + limits.maxStanzaBytes() + " bytes");
        }
      }
    } finally {
      feeding = false;
    }
  }

  /** Returns -1, or how many bytes of the slice the old document used before a reset. */
  private int feedAndDrain(ByteBuffer slice) throws XmlStreamException {
    AsyncXMLStreamReader<AsyncByteBufferFeeder> r = reader();
    long sliceStart = fed;
    try {
      r.getInputFeeder().feedInput(slice);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("aalto refused input it asked for", e);
    }
    fed += slice.remaining();
    if (drain()) {
      return (int) (endOffset() - sliceStart);
    }
    return -1;
  }

  /** Before the root, any "<!" is a comment or a DTD, which aalto may fail on as malformed. */
  private void notePrologMarkup(ByteBuffer buffer, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = buffer.get(i);
      if (b == '!' && prologLast == '<') {
        prologMarkup = true;
      }
      prologLast = b;
    }
  }

  private static XmlStreamException notUtf8() {
    return new XmlStreamException(StreamErrorCondition.NOT_WELL_FORMED, "input is not UTF-8");
  }

  /** Handles events until aalto needs input; true if a listener asked for a reset. */
  private boolean drain() throws XmlStreamException {
    AsyncXMLStreamReader<AsyncByteBufferFeeder> r = reader;
    try {
      int event;
      while ((event = r.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
        switch (event) {
          case XMLStreamConstants.START_ELEMENT:
            startElement(r);
            break;
          case XMLStreamConstants.END_ELEMENT:
            endElement(r);
            break;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            text(r);
            break;
          case XMLStreamConstants.START_DOCUMENT:
            checkEncoding(r);
            break;
          case XMLStreamConstants.COMMENT:
            throw restricted("comment");
          case XMLStreamConstants.PROCESSING_INSTRUCTION:
            throw restricted("processing instruction");
          case XMLStreamConstants.DTD:
          case XMLStreamConstants.ENTITY_DECLARATION:
          case XMLStreamConstants.NOTATION_DECLARATION:
            throw restricted("DTD");
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw restricted("entity reference &" + r.getLocalName() + ";");
          default:
            // END_DOCUMENT never comes: endOfInput is never signalled.
            break;
        }
        if (resetRequested) {
          return true;
        }
      }
      return false;
    } catch (XMLStreamException e) {
      throw translate(e);
    } catch (IllegalArgumentException e) {
      // Element and Text reject characters XML 1.0 forbids, which aalto lets through.
      throw new XmlStreamException(StreamErrorCondition.NOT_WELL_FORMED, e.getMessage());
    }
  }

  private void startElement(AsyncXMLStreamReader<?> r) throws XMLStreamException,
      XmlStreamException {
    depth++;
    if (depth > limits.maxDepth()) {
      throw new XmlStreamException(StreamErrorCondition.POLICY_VIOLATION,
          "elements nested deeper than " + limits.maxDepth());
    }
    if (depth == 1 && !messages) {
      openStream(r);
      return;
    }
    if (depth == unitDepth) {
      if (messages) {
        if (rootDone) {
          throw new XmlStreamException(StreamErrorCondition.NOT_WELL_FORMED,
              "more than one element in a message");
        }
        rootIsStreamHeader = "stream".equals(r.getLocalName())
            && StreamHeader.STREAMS_NAMESPACE.equals(r.getNamespaceURI());
      }
      unitStart = r.getLocationInfo().getStartingByteOffset();
    } else {
      frame(depth - 1).flushText();
    }
    Element.Builder b = Element.builder(r.getLocalName(), nonNull(r.getNamespaceURI()));
    int n = r.getAttributeCount();
    for (int i = 0; i < n; i++) {
      b.attribute(attributeName(r.getAttributeNamespace(i), r.getAttributeLocalName(i)),
          r.getAttributeValue(i));
    }
    frame(depth).builder = b;
  }

  private void endElement(AsyncXMLStreamReader<?> r) throws XMLStreamException,
      XmlStreamException {
    int d = depth--;
    if (d == 1 && !messages) {
      unitStart = endOffset();
      listener.streamClosed();
      return;
    }
    Frame f = frame(d);
    f.flushText();
    Element element = f.builder.build();
    f.builder = null;
    if (d > unitDepth) {
      frame(d - 1).builder.child(element);
      return;
    }
    long end = endOffset();
    if (end - unitStart > limits.maxStanzaBytes()) {
      // Unreachable given the slicing in parse; kept so the limit never depends on it alone.
      throw new XmlStreamException(StreamErrorCondition.POLICY_VIOLATION,
          "top-level element larger than " + limits.maxStanzaBytes() + " bytes");
    }
    unitStart = end;
    if (messages) {
      // Delivered once the whole message is known to be this one element (see feedMessage).
      rootDone = true;
      messageElement = element;
      return;
    }
    listener.element(element);
  }

  private void text(AsyncXMLStreamReader<?> r) throws XMLStreamException, XmlStreamException {
    if (depth >= unitDepth) {
      frame(depth).addText(r.getText());
      return;
    }
    if (messages) {
      throw new XmlStreamException(StreamErrorCondition.NOT_WELL_FORMED,
          "text outside the message's element");
    }
    // Stream level: only whitespace is allowed between elements (and before the root).
    char[] chars = r.getTextCharacters();
    int start = r.getTextStart();
    int stop = start + r.getTextLength();
    for (int i = start; i < stop; i++) {
      char c = chars[i];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        throw new XmlStreamException(StreamErrorCondition.BAD_FORMAT,
            "character data at stream level");
      }
    }
    unitStart = endOffset();
  }

  private void openStream(AsyncXMLStreamReader<?> r) throws XMLStreamException,
      XmlStreamException {
    String defaultNamespace = "";
    for (int i = 0; i < r.getNamespaceCount(); i++) {
      String prefix = r.getNamespacePrefix(i);
      if (prefix == null || prefix.isEmpty()) {
        defaultNamespace = nonNull(r.getNamespaceURI(i));
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < r.getAttributeCount(); i++) {
      attributes.put(attributeName(r.getAttributeNamespace(i), r.getAttributeLocalName(i)),
          r.getAttributeValue(i));
    }
    StreamHeader header = new StreamHeader(nonNull(r.getPrefix()), r.getLocalName(),
        nonNull(r.getNamespaceURI()), defaultNamespace, attributes);
    context = ReaderPool.context(r);
    unitStart = endOffset();
    listener.streamOpened(header);
  }

  private static void checkEncoding(AsyncXMLStreamReader<?> r) throws XmlStreamException {
    // RFC 6120 §11.6: UTF-8 only. aalto itself would also accept US-ASCII and ISO-8859-1.
    String declared = r.getCharacterEncodingScheme();
    if (declared != null && !declared.equalsIgnoreCase("UTF-8")) {
      throw new XmlStreamException(StreamErrorCondition.UNSUPPORTED_ENCODING,
          "encoding " + declared + " declared; only UTF-8 is allowed");
    }
  }

  private long endOffset() throws XmlStreamException {
    try {
      return reader.getLocationInfo().getEndingByteOffset();
    } catch (XMLStreamException e) {
      throw translate(e);
    }
  }

  static String attributeName(String namespace, String localName) {
    if (namespace == null || namespace.isEmpty()) {
      return localName;
    }
    if ("lang".equals(localName) && Element.XML_NAMESPACE.equals(namespace)) {
      return XML_LANG;
    }
    return "{" + namespace + "}" + localName;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private Frame frame(int d) {
    if (frames == null) {
      frames = new Frame[8];
    }
    if (d >= frames.length) {
      frames = Arrays.copyOf(frames, Math.max(d + 1, frames.length * 2));
    }
    Frame f = frames[d];
    if (f == null) {
      f = new Frame();
      frames[d] = f;
    }
    return f;
  }

  private static XmlStreamException restricted(String what) {
    return new XmlStreamException(StreamErrorCondition.RESTRICTED_XML,
        what + " not allowed in XMPP (RFC 6120 §11.1)");
  }

  /*
   * aalto reports everything as XMLStreamException; the few cases RFC 6120 names separately are
   * told apart by aalto's messages (pinned by XmlStreamParserTest for this aalto version).
   */
  private XmlStreamException translate(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    StreamErrorCondition condition;
    if (depth == 0 && prologMarkup) {
      // aalto's async parser fails on internal DTD subsets instead of reporting them.
      condition = StreamErrorCondition.RESTRICTED_XML;
    } else if (message.contains("Unexpanded ENTITY_REFERENCE")) {
      condition = StreamErrorCondition.RESTRICTED_XML; // &foo; inside an attribute value
    } else if (message.contains("expected either '-' for COMMENT or '[CDATA['")) {
      // Inside an element only comments and CDATA start with "<!"; anything else, such as
      // <!DOCTYPE or <!ENTITY, is a DTD declaration out of place.
      condition = StreamErrorCondition.RESTRICTED_XML;
    } else if (message.contains("Unsupported encoding")) {
      condition = StreamErrorCondition.UNSUPPORTED_ENCODING;
    } else {
      condition = StreamErrorCondition.NOT_WELL_FORMED;
    }
    return new XmlStreamException(condition, message);
  }

  private static AsyncXMLInputFactory createFactory() {
    AsyncXMLInputFactory f = new InputFactoryImpl();
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory2.P_REPORT_PROLOG_WHITESPACE, false);
    f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external entities are not loaded");
    });
    return f;
  }

  /** One open element below the stream root, with its not yet flushed character data. */
  static final class Frame {
    Element.Builder builder;
    private String text;
    private StringBuilder moreText;

    void addText(String s) {
      if (text == null) {
        text = s;
      } else {
        // aalto splits character data at buffer and entity boundaries; XML has one text node.
        if (moreText == null) {
          moreText = new StringBuilder(text.length() + s.length() + 16);
        }
        if (moreText.length() == 0) {
          moreText.append(text);
        }
        moreText.append(s);
      }
    }

    void flushText() {
      if (text == null) {
        return;
      }
      String value = moreText != null && moreText.length() > 0 ? moreText.toString() : text;
      text = null;
      if (moreText != null) {
        moreText.setLength(0);
      }
      if (!value.isEmpty()) {
        builder.text(value);
      }
    }

    void clear() {
      builder = null;
      text = null;
      moreText = null;
    }
  }
}
