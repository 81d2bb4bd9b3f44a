package io.parley.embedded.internal.xml;

import com.fasterxml.aalto.AsyncByteBufferFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * aalto readers parked between stanzas, per thread. A reader that has consumed all its input,
 * with nothing open below the stream root, holds no state of its stream but the root's name and
 * namespace declarations: any other stream with the same root context can continue on it. So an
 * idle stream gives its reader (scanner, text and name buffers, name table: about 3 kB) back, and
 * takes one, or primes a new one with a copy of its root's start tag, when bytes arrive.
 *
 * <p>Thread confinement: a reader is used by one parser at a time, and a parser by one thread at a
 * time; the pool of each thread is only touched by that thread. The pool is bounded, so a thread
 * holds at most {@link #CAPACITY} spare readers.
 */
final class ReaderPool {
  /** Enough for the streams of one event loop that read in one batch of I/O events. */
  static final int CAPACITY = 32;
  private static final int KNOWN_CONTEXTS = 8;

  private static final ThreadLocal<ReaderPool> POOLS = ThreadLocal.withInitial(ReaderPool::new);

  private final ArrayList<Parked> parked = new ArrayList<>(CAPACITY);
  /** Recently seen contexts, so that streams with the same root share one instance. */
  private final Context[] known = new Context[KNOWN_CONTEXTS];
  private int nextKnown;

  private ReaderPool() {}

  /**
   * A parked reader, its root context, the bytes it has consumed, and the parser's other working
   * state that is empty between stanzas: element frames and a UTF-8 validator.
   */
  static final class Parked {
    final Context context;
    final AsyncXMLStreamReader<AsyncByteBufferFeeder> reader;
    final long fed;
    final XmlStreamParser.Frame[] frames;
    final Utf8Validator utf8;

    Parked(Context context, AsyncXMLStreamReader<AsyncByteBufferFeeder> reader, long fed,
        XmlStreamParser.Frame[] frames, Utf8Validator utf8) {
      this.context = context;
      this.reader = reader;
      this.fed = fed;
      this.frames = frames;
      this.utf8 = utf8;
    }
  }

  /**
   * A stream root as aalto sees it: its qualified name and namespace declarations (prefix, URI
   * pairs sorted by prefix; the empty prefix is the default namespace).
   */
  static final class Context {
    private final String prefix;
    private final String localName;
    private final String[] declarations;
    private final int hash;
    private byte[] startTag;

    Context(String prefix, String localName, String[] declarations) {
      this.prefix = prefix;
      this.localName = localName;
      this.declarations = declarations;
      this.hash = 31 * (31 * prefix.hashCode() + localName.hashCode())
          + Arrays.hashCode(declarations);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Context c && hash == c.hash && prefix.equals(c.prefix)
          && localName.equals(c.localName) && Arrays.equals(declarations, c.declarations);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    /** The root's start tag, declaring the same namespaces. */
    byte[] startTag() {
      byte[] tag = startTag;
      if (tag == null) {
        ByteBuf out = Unpooled.buffer(128);
        XmlWriter.writeRootStartTag(out, prefix, localName, declarations);
        tag = new byte[out.readableBytes()];
        out.readBytes(tag);
        startTag = tag; // a benign race: every thread computes the same bytes
      }
      return tag;
    }
  }

  /** The context of the root whose START_ELEMENT {@code r} is at, shared where possible. */
  static Context context(AsyncXMLStreamReader<?> r) {
    int n = r.getNamespaceCount();
    List<String[]> pairs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String p = r.getNamespacePrefix(i);
      String uri = r.getNamespaceURI(i);
      pairs.add(new String[] {p == null ? "" : p, uri == null ? "" : uri});
    }
    pairs.sort((a, b) -> a[0].compareTo(b[0]));
    String[] declarations = new String[2 * n];
    for (int i = 0; i < n; i++) {
      declarations[2 * i] = pairs.get(i)[0];
      declarations[2 * i + 1] = pairs.get(i)[1];
    }
    String prefix = r.getPrefix();
    Context c = new Context(prefix == null ? "" : prefix, r.getLocalName(), declarations);
    return POOLS.get().canonical(c);
  }

  private Context canonical(Context c) {
    for (Context k : known) {
      if (c.equals(k)) {
        return k;
      }
    }
    known[nextKnown] = c;
    nextKnown = (nextKnown + 1) % KNOWN_CONTEXTS;
    return c;
  }

  /** Gives a reader that is between stanzas of a stream with this root context to the pool. */
  static void park(Context context, AsyncXMLStreamReader<AsyncByteBufferFeeder> reader, long fed,
      XmlStreamParser.Frame[] frames, Utf8Validator utf8) {
    ArrayList<Parked> pool = POOLS.get().parked;
    if (pool.size() >= CAPACITY) {
      close(reader);
      return;
    }
    pool.add(new Parked(context, reader, fed, frames, utf8));
  }

  /** A reader positioned inside a root with this context, all its input consumed. */
  static Parked unpark(Context context, AsyncXMLInputFactory factory) {
    ArrayList<Parked> pool = POOLS.get().parked;
    for (int i = pool.size() - 1; i >= 0; i--) {
      Parked p = pool.get(i);
      if (p.context == context || p.context.equals(context)) {
        int last = pool.size() - 1;
        pool.set(i, pool.get(last));
        pool.remove(last);
        return p;
      }
    }
    return prime(context, factory);
  }

  private static Parked prime(Context context, AsyncXMLInputFactory factory) {
    AsyncXMLStreamReader<AsyncByteBufferFeeder> r = factory.createAsyncForByteBuffer();
    byte[] tag = context.startTag();
    try {
      r.getInputFeeder().feedInput(ByteBuffer.wrap(tag));
      int event;
      boolean root = false;
      while ((event = r.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
        if (event == XMLStreamConstants.START_ELEMENT && !root) {
          root = true;
        } else if (event != XMLStreamConstants.START_DOCUMENT) {
          throw new IllegalStateException("unexpected event " + event + " priming a reader");
        }
      }
      if (!root) {
        throw new IllegalStateException("no root element priming a reader");
      }
    } catch (XMLStreamException e) {
      // The same namespace context was parsed from the peer's header: it cannot be malformed.
      throw new IllegalStateException("could not prime a reader", e);
    }
    return new Parked(context, r, tag.length, null, new Utf8Validator());
  }

  static void close(AsyncXMLStreamReader<?> reader) {
    try {
      reader.close();
    } catch (XMLStreamException ignored) {
      // Closing only releases aalto's buffers; nothing can be lost here.
    }
  }
}
