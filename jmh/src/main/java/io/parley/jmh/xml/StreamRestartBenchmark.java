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
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the parser costs a login: each login opens three streams (before STARTTLS, after it, after
 * SASL success), and each restart starts a new aalto document. {@code restart} is one restart and
 * the client's header on it; {@code stanza} one SASL {@code <auth/>} on an open stream, for
 * comparison; {@code newParser} a connection's first parser with its header. Microseconds per
 * operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StreamRestartBenchmark {
  private static final byte[] HEADER = ("<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
      + " xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>")
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] AUTH = ("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'"
      + " mechanism='SCRAM-SHA-1'>biwsbj11c2VyMTIzLHI9ZnlrbytkMmxiYkZnT05Sdjlxa3hkYXdM</auth>")
      .getBytes(StandardCharsets.UTF_8);
  private static final XmlLimits LIMITS = new XmlLimits(256 * 1024, 64);

  private ByteBuf header;
  private ByteBuf auth;
  private XmlStreamParser parser;
  private Listener listener;

  private static final class Listener implements XmlStreamParser.Listener {
    private Blackhole sink;

    @Override
    public void streamOpened(StreamHeader h) {
      sink.consume(h);
    }

    @Override
    public void element(Element e) {
      sink.consume(e);
    }

    @Override
    public void streamClosed() {}
  }

  @Setup
  public void prepare(Blackhole blackhole) throws XmlStreamException {
    listener = new Listener();
    listener.sink = blackhole;
    header = Unpooled.directBuffer(HEADER.length).writeBytes(HEADER);
    auth = Unpooled.directBuffer(AUTH.length).writeBytes(AUTH);
    parser = new XmlStreamParser(LIMITS, listener);
    parser.feed(header.duplicate());
  }

  @Benchmark
  public void restart() throws XmlStreamException {
    parser.reset();
    parser.feed(header.duplicate());
  }

  @Benchmark
  public void stanza() throws XmlStreamException {
    parser.feed(auth.duplicate());
  }

  @Benchmark
  public XmlStreamParser newParser() throws XmlStreamException {
    XmlStreamParser p = new XmlStreamParser(LIMITS, listener);
    p.feed(header.duplicate());
    return p;
  }
}
