package io.parley.jmh.xml;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.parley.embedded.internal.xml.XmlWriter;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Serializes the chat message of {@link XmlParseBenchmark} into one reused pooled buffer. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class XmlWriteBenchmark {
  private Message message;
  private ByteBuf out;

  @Setup(Level.Trial)
  public void prepare() {
    message = new Message(Jid.of("romeo@example.net"), Jid.of("juliet@example.com/balcony"),
        "ktx72v49", Message.Type.CHAT, "en", List.of(
            Element.builder("body", Stanza.CLIENT_NAMESPACE).text("Art thou not Romeo, and a"
                + " Montague? Neither, fair saint, if either thee dislike.").build(),
            Element.of("active", "http://jabber.org/protocol/chatstates"),
            Element.builder("origin-id", "urn:xmpp:sid:0").attribute("id", "de305d54-75b4")
                .build()));
    out = PooledByteBufAllocator.DEFAULT.directBuffer(1024);
  }

  @TearDown(Level.Trial)
  public void release() {
    out.release();
  }

  @Benchmark
  public int writeMessage() {
    out.clear();
    XmlWriter.writeStanza(out, message);
    return out.writerIndex();
  }
}
