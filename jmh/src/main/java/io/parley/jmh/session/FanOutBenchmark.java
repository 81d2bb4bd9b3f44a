package io.parley.jmh.session;

import io.parley.embedded.internal.session.MailboxSession;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fan-out engine in-process: one notification prepared once and delivered to N mailbox
 * sessions, each drained (inline here) into a sink that takes the addressed stanza, as an
 * in-process host session does. One operation is one publish to all N; notifications per second
 * = score × N, and {@code -prof gc}'s {@code gc.alloc.rate.norm} ÷ N is the allocation per
 * recipient (compare the payload sizes: it should not grow with them).
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar FanOutBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@State(Scope.Benchmark)
public class FanOutBenchmark {
  @Param({"1000", "10000", "100000"})
  int subscribers;

  @Param({"64", "4096"})
  int payloadBytes;

  private Sink[] sessions;
  private Message notification;
  long taken;

  /** An in-process session whose drain runs inline and only reads the addressed stanza. */
  final class Sink extends MailboxSession {
    Sink(Jid jid, Executor inline) {
      super(jid, 16, inline);
    }

    @Override
    public String transport() {
      return "bench";
    }

    @Override
    public SocketAddress remoteAddress() {
      return null;
    }

    @Override
    public void terminate(StreamErrorCondition condition) {}

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public void accept(Stanza stanza) {
      if (stanza.to() != null) {
        taken++;
      }
    }

    @Override
    public void batchDone() {}
  }

  @Setup
  public void setup() {
    Executor inline = Runnable::run;
    sessions = new Sink[subscribers];
    for (int i = 0; i < subscribers; i++) {
      sessions[i] = new Sink(Jid.of("user" + i + "@bench.test/r"), inline);
    }
    notification = new Message(null, Jid.of("pubsub.bench.test"), "n1", Message.Type.HEADLINE,
        null, List.of(Element.builder("event", "http://jabber.org/protocol/pubsub#event")
            .child(Element.builder("items", "http://jabber.org/protocol/pubsub#event")
                .attribute("node", "bench")
                .child(Element.builder("item", "http://jabber.org/protocol/pubsub#event")
                    .attribute("id", "i1")
                    .child(Element.builder("data", "urn:bench").text("x".repeat(payloadBytes))
                        .build())
                    .build())
                .build())
            .build()));
  }

  @Benchmark
  public long publishToAll() {
    PreparedStanza prepared = PreparedStanza.of(notification);
    for (Sink s : sessions) {
      s.deliver(prepared, s.jid());
    }
    return taken;
  }
}
