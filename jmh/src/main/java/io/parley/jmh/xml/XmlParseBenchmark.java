package io.parley.jmh.xml;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlLimits;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.spi.stanza.Element;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parses {@value #STANZAS} chat messages (see {@link #MESSAGE}, {@value #MESSAGE_BYTES} bytes
 * each) fed in 16 KiB buffers into one open stream. The score is stanzas per second; multiply by
 * the message size for bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class XmlParseBenchmark {
  static final int STANZAS = 1000;
  static final int MESSAGE_BYTES = 318;
  static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
      + " xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";
  static final String MESSAGE = "<message from='juliet@example.com/balcony' id='ktx72v49'"
      + " to='romeo@example.net' type='chat' xml:lang='en'><body>Art thou not Romeo, and a"
      + " Montague? Neither, fair saint, if either thee dislike.</body>"
      + "<active xmlns='http://jabber.org/protocol/chatstates'/>"
      + "<origin-id xmlns='urn:xmpp:sid:0' id='de305d54-75b4'/></message>";

  /** Heap buffers, or direct ones as a socket read delivers them. */
  @Param({"direct", "heap"})
  public String memory;

  private ByteBuf[] chunks;
  private XmlStreamParser parser;
  private Blackhole sink;

  @Setup(Level.Trial)
  public void prepare(Blackhole blackhole) throws XmlStreamException {
    if (MESSAGE.getBytes(StandardCharsets.UTF_8).length != MESSAGE_BYTES) {
      throw new IllegalStateException("message is " + MESSAGE.length() + " bytes");
    }
    sink = blackhole;
    byte[] all = MESSAGE.repeat(STANZAS).getBytes(StandardCharsets.UTF_8);
    int chunk = 16 * 1024;
    chunks = new ByteBuf[(all.length + chunk - 1) / chunk];
    for (int i = 0; i < chunks.length; i++) {
      int n = Math.min(chunk, all.length - i * chunk);
      ByteBuf b = memory.equals("direct") ? Unpooled.directBuffer(n) : Unpooled.buffer(n);
      chunks[i] = b.writeBytes(all, i * chunk, n);
    }
    parser = new XmlStreamParser(XmlLimits.DEFAULT, new XmlStreamParser.Listener() {
      @Override
      public void streamOpened(StreamHeader header) {
        sink.consume(header);
      }

      @Override
      public void element(Element element) {
        sink.consume(element);
      }

      @Override
      public void streamClosed() {
      }
    });
    parser.feed(Unpooled.wrappedBuffer(HEADER.getBytes(StandardCharsets.UTF_8)));
  }

  @TearDown(Level.Trial)
  public void release() {
    for (ByteBuf b : chunks) {
      b.release();
    }
  }

  @Benchmark
  @OperationsPerInvocation(STANZAS)
  public void parseMessages() throws XmlStreamException {
    for (ByteBuf b : chunks) {
      b.readerIndex(0);
      parser.feed(b);
    }
  }
}
