package io.parley.jmh.router;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process routing throughput through the real router: in-process sender sessions send chat
 * messages to available in-process receiver sessions, and each invocation sends a batch and
 * waits until every message of it has reached the receivers' callbacks. The score is therefore
 * messages delivered per second (stamping, routing, mailbox, executor hop, receiver), not
 * messages enqueued.
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar RoutingBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RoutingBenchmark {
  static final int BATCH = 10_000;
  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** How messages are addressed: the receiver's full JID, or its bare JID (RFC 6121 §8.5.2). */
  public enum Addressing { FULL, BARE }

  /** One server for the whole run, without network listeners. */
  @State(Scope.Benchmark)
  public static class Server {
    @Param({"FULL", "BARE"})
    Addressing addressing;

    Parley parley;
    final AtomicInteger groups = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() {
      parley = Parley.builder()
          .tcpPort(-1)
          .directTlsPort(-1)
          // A whole batch may sit in one receiver's mailbox: the default (4096) would bounce
          // the rest with resource-constraint, and the benchmark would measure errors.
          .mailboxCapacity(2 * BATCH)
          // Measures routing, not storage.
          .inMemoryStorage()
          .build()
          .start();
    }

    @TearDown(Level.Trial)
    public void stop() {
      parley.close();
    }
  }

  /** A sender session and the receivers it sends to, owned by one benchmark thread. */
  @State(Scope.Thread)
  public abstract static class Group {
    InProcessSession sender;
    Receiver[] receivers;
    Message[] messages; // one per receiver, addressed as the parameter says; reused (immutable)
    final AtomicInteger pending = new AtomicInteger();
    volatile Thread waiter;
    volatile Stanza firstError;

    abstract int receiverCount();

    @Setup(Level.Trial)
    public void open(Server server) {
      int g = server.groups.incrementAndGet();
      Presence available = new Presence(null, null, null, Presence.Type.AVAILABLE, null,
          List.of());
      receivers = new Receiver[receiverCount()];
      messages = new Message[receivers.length];
      for (int i = 0; i < receivers.length; i++) {
        Jid jid = Jid.of("r" + g + "x" + i + "@localhost/bench");
        receivers[i] = new Receiver(this);
        receivers[i].session = server.parley.openSession(jid, receivers[i]);
        // Without initial presence a bare-JID message would bounce (service-unavailable).
        receivers[i].session.send(available);
        Jid to = server.addressing == Addressing.FULL ? jid : jid.asBare();
        messages[i] = Message.chat(to, "hello");
      }
      sender = server.parley.openSession(Jid.of("s" + g + "@localhost/bench"), stanza -> {
        if (firstError == null) {
          firstError = stanza; // a bounce: the batch would never complete
        }
        LockSupport.unpark(waiter);
      });
    }

    @TearDown(Level.Trial)
    public void close() {
      sender.close();
      for (Receiver r : receivers) {
        r.session.close();
      }
    }

    /** Sends one batch round-robin over the receivers and waits until all is delivered. */
    void sendBatchAndAwait() {
      int n = receivers.length;
      waiter = Thread.currentThread();
      pending.set(n);
      for (int i = 0; i < n; i++) {
        Receiver r = receivers[i];
        // Set before sending: the mailbox hand-off publishes it to the receiver's thread.
        r.target = r.expected + BATCH / n + (i < BATCH % n ? 1 : 0);
        r.expected = r.target;
      }
      for (int i = 0; i < BATCH; i++) {
        sender.send(messages[i % n]);
      }
      long deadline = System.nanoTime() + TIMEOUT_NANOS;
      while (pending.get() > 0) {
        if (firstError != null) {
          throw new IllegalStateException("a message bounced: " + firstError);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("batch not delivered within 30 s");
        }
        LockSupport.parkNanos(this, 1_000_000); // the last receiver unparks us at once
      }
    }

    void receiverDone() {
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(waiter);
      }
    }
  }

  /** One receiver for one sender. */
  public static class OneReceiver extends Group {
    @Override
    int receiverCount() {
      return 1;
    }
  }

  /** Four receivers per sender. */
  public static class FourReceivers extends Group {
    @Override
    int receiverCount() {
      return 4;
    }
  }

  /** Counts the messages a receiver session got; called one at a time (serial executor). */
  static final class Receiver implements Consumer<Stanza> {
    final Group group;
    InProcessSession session;
    long expected; // the benchmark thread's running total of what it sent here
    volatile long target;
    private long received; // only touched by the receiver callback, which Parley serialises

    Receiver(Group group) {
      this.group = group;
    }

    @Override
    public void accept(Stanza stanza) {
      if (stanza instanceof Message && ++received == target) {
        group.receiverDone();
      }
    }
  }

  /** (a) One sender thread, one sender session, one receiver session. */
  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BATCH)
  public void oneToOne(Server server, OneReceiver group) {
    group.sendBatchAndAwait();
  }

  /** (b) Two sender threads, each with its own sender session and four receivers. */
  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(BATCH)
  public void manyToMany(Server server, FourReceivers group) {
    group.sendBatchAndAwait();
  }
}
