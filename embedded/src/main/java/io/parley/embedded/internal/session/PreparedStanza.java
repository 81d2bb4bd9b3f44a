package io.parley.embedded.internal.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.parley.embedded.internal.xml.XmlWriter;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A stanza prepared for delivery to many recipients (pub-sub notifications, presence and room
 * broadcasts): everything but {@code to} is fixed, and network sessions write one shared
 * serialization of it behind a per-recipient {@code <name to='…'} head.
 *
 * <p>Use: {@code PreparedStanza p = PreparedStanza.of(stanza);} then
 * {@code session.deliver(p, recipient)} for each recipient. The template is immutable and the
 * serialization is made at most once (lazily, by the first network session that writes it), so
 * a delivery costs a constant few objects whatever the payload size. The shared bytes live in a
 * direct buffer the garbage collector frees; writers take {@link ByteBuf#retainedDuplicate()}
 * views of {@link #body()} and never release the buffer itself.
 */
public final class PreparedStanza {
  private final Stanza template;
  private final int headLength;
  private volatile ByteBuf body;

  private PreparedStanza(Stanza template) {
    this.template = template;
    this.headLength = 1 + template.elementName().length(); // "<message"
  }

  /** Prepares {@code stanza}; its {@code to}, if any, is dropped (each delivery sets its own). */
  public static PreparedStanza of(Stanza stanza) {
    return new PreparedStanza(stanza.to() == null ? stanza : stanza.withTo(null));
  }

  /** The stanza without {@code to}. */
  public Stanza template() {
    return template;
  }

  /** The stanza as delivered to {@code to}. */
  public Stanza stanza(Jid to) {
    return template.withTo(to);
  }

  /** One delivery, as a mailbox holds it: the stanza is built only when someone asks for it. */
  public Addressed to(Jid to) {
    return new Addressed(this, Objects.requireNonNull(to, "to"));
  }

  /**
   * The shared serialization after the element name: {@code " from='…' …>…</message>"}, the
   * bytes {@link XmlWriter#writeStanza} writes after {@code <message to='…'}. Read-only use: take
   * a {@code retainedDuplicate()} per write and never release this buffer.
   */
  public ByteBuf body() {
    ByteBuf b = body;
    if (b == null) {
      synchronized (this) {
        b = body;
        if (b == null) {
          b = serialize();
          body = b;
        }
      }
    }
    return b;
  }

  private ByteBuf serialize() {
    ByteBuf scratch = ByteBufAllocator.DEFAULT.heapBuffer(256);
    try {
      XmlWriter.writeStanza(scratch, template);
      int n = scratch.readableBytes() - headLength;
      // A JDK direct buffer: sockets write it without a copy, and the GC frees it once the last
      // duplicate is gone (Netty's own direct buffers would need a final release nobody owns).
      ByteBuffer direct = ByteBuffer.allocateDirect(n);
      scratch.getBytes(headLength, direct);
      direct.flip();
      return Unpooled.wrappedBuffer(direct);
    } finally {
      scratch.release();
    }
  }

  /** A prepared stanza on its way to one recipient. Not thread-safe: one consumer reads it. */
  public static final class Addressed {
    private final PreparedStanza prepared;
    private final Jid to;
    private Stanza stanza;

    Addressed(PreparedStanza prepared, Jid to) {
      this.prepared = prepared;
      this.to = to;
    }

    public PreparedStanza prepared() {
      return prepared;
    }

    public Jid to() {
      return to;
    }

    /** The stanza this delivery stands for, built once. */
    public Stanza stanza() {
      Stanza s = stanza;
      if (s == null) {
        s = prepared.stanza(to);
        stanza = s;
      }
      return s;
    }
  }
}
