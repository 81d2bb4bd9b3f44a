package io.parley.jmh.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import io.parley.spi.stanza.Jid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Chat load: pairs of clients, each sender keeping {@code window} messages in flight to its
 * partner (or, with a rate, sending at that total rate with at most {@code window} in flight). Each
 * message carries its sequence number and send time; the receiver checks order and latency.
 */
final class ChatLoad {
  /** What a run is asked to do. */
  record Options(int pairs, int window, int bodyBytes, long rate, long warmupMillis,
      long durationMillis, int loginConcurrency) {}

  // Send times are relative to this, so they are positive and fit the 19 digits.
  private static final long EPOCH = System.nanoTime() - 1;

  private final Options options;
  private final Generator generator;
  private final ServerProcess server; // null when the server is in this JVM (smoke test)
  private final Histogram latency = new Histogram();
  private final LongAdder delivered = new LongAdder();
  private volatile boolean measuring;
  private volatile boolean sending = true;
  private final List<Pair> pairs = new ArrayList<>();
  private long runStartNanos;

  ChatLoad(Options options, Generator generator, ServerProcess server) {
    this.options = options;
    this.generator = generator;
    this.server = server;
  }

  /** One sender, one receiver. Sender state is touched on the sender's loop only. */
  private final class Pair implements LoadConnection.Receiver {
    final LoadConnection sender;
    final LoadConnection receiver;
    final Wire.ChatTemplate template;
    long sent; // sender's loop
    final AtomicLong acked = new AtomicLong(); // receiver's loop writes
    long expected; // receiver's loop
    long received; // receiver's loop
    long reordered; // receiver's loop
    long malformed; // receiver's loop
    int pendingCredit; // receiver's loop
    ScheduledFuture<?> pacer;

    Pair(LoadConnection sender, LoadConnection receiver, int bodyBytes) {
      this.sender = sender;
      this.receiver = receiver;
      this.template = Wire.chat(Jid.of(receiver.username, Wire.DOMAIN, Wire.RESOURCE), bodyBytes);
    }

    /** Sends what the window (and the rate) allow, then flushes once. On the sender's loop. */
    void pump() {
      if (!sending) {
        return;
      }
      long allowed = options.window() - (sent - acked.get());
      if (options.rate() > 0) {
        double perPair = (double) options.rate() / options.pairs();
        long due = (long) (perPair * (System.nanoTime() - runStartNanos) / 1e9);
        allowed = Math.min(allowed, due - sent);
      }
      if (allowed <= 0) {
        return;
      }
      Channel ch = sender.channel();
      for (long i = 0; i < allowed; i++) {
        ByteBuf buf = ch.alloc().buffer(template.bytes().length);
        template.write(buf, sent++, System.nanoTime() - EPOCH);
        ch.write(buf, ch.voidPromise());
      }
      ch.flush();
    }

    @Override
    public int bodyBytes() {
      return options.bodyBytes();
    }

    @Override
    public void received(LoadConnection c, long seq, long sentNanos, boolean complete) {
      received++;
      if (!complete) {
        malformed++;
      }
      if (seq == expected) {
        expected++;
      } else {
        reordered++;
        expected = Math.max(expected, seq + 1);
      }
      acked.lazySet(received);
      pendingCredit++;
      if (measuring) {
        delivered.increment();
        latency.record((System.nanoTime() - EPOCH - sentNanos) / 1000);
      }
    }

    @Override
    public void readDone(LoadConnection c) {
      if (pendingCredit > 0 && options.rate() == 0) {
        pendingCredit = 0;
        sender.channel().eventLoop().execute(this::pump);
      }
      pendingCredit = 0;
    }
  }

  LoadResult run() throws InterruptedException, IOException {
    List<LoadConnection> all = new ArrayList<>();
    for (int i = 0; i < options.pairs(); i++) {
      LoadConnection s = generator.newConnection(LoadAccounts.username(2 * i), true);
      LoadConnection r = generator.newConnection(LoadAccounts.username(2 * i + 1), true);
      pairs.add(new Pair(s, r, options.bodyBytes()));
      all.add(s);
      all.add(r);
    }
    generator.connectAll(all, options.loginConcurrency(), c -> { });
    for (Pair p : pairs) {
      p.receiver.receiver(p);
    }
    runStartNanos = System.nanoTime();
    for (Pair p : pairs) {
      Channel ch = p.sender.channel();
      if (options.rate() > 0) {
        p.pacer = ch.eventLoop().scheduleAtFixedRate(p::pump, 0, 10, TimeUnit.MILLISECONDS);
      } else {
        ch.eventLoop().execute(p::pump);
      }
    }
    Thread.sleep(options.warmupMillis());
    LoadResult result = new LoadResult(options.rate() > 0 ? "soak" : "chat")
        .put("pairs", options.pairs()).put("window", options.window())
        .put("body_bytes", options.bodyBytes());
    if (options.rate() > 0) {
      result.put("rate", options.rate());
    }
    long heapStart = server == null ? -1 : server.heapAfterGc();
    long rssStart = server == null ? -1 : server.rssBytes();
    latency.reset();
    long d0 = delivered.sum();
    long cpu0 = server == null ? 0 : server.cpuNanos();
    long t0 = System.nanoTime();
    measuring = true;
    Thread.sleep(options.durationMillis());
    measuring = false;
    long t1 = System.nanoTime();
    long cpu1 = server == null ? 0 : server.cpuNanos();
    long d1 = delivered.sum();
    long heapEnd = server == null ? -1 : server.heapAfterGc();
    long rssEnd = server == null ? -1 : server.rssBytes();
    sending = false;
    long lost = drain();
    long count = d1 - d0;
    double seconds = (t1 - t0) / 1e9;
    result.put("duration_s", seconds)
        .put("delivered", count)
        .put("msgs_per_s", count / seconds)
        .put("p50_ms", latency.quantile(0.50) / 1000.0)
        .put("p99_ms", latency.quantile(0.99) / 1000.0)
        .put("p999_ms", latency.quantile(0.999) / 1000.0);
    if (server != null) {
      result.put("server_cpu_us_per_msg", count == 0 ? 0.0 : (cpu1 - cpu0) / 1000.0 / count)
          .put("server_cpu_pct", 100.0 * (cpu1 - cpu0) / (t1 - t0));
    }
    long reordered = 0;
    long malformed = 0;
    long sent = 0;
    for (Pair p : pairs) {
      reordered += p.receiver.channel().eventLoop().submit(() -> p.reordered).syncUninterruptibly()
          .getNow();
      malformed += p.receiver.channel().eventLoop().submit(() -> p.malformed)
          .syncUninterruptibly().getNow();
      sent += p.sender.channel().eventLoop().submit(() -> p.sent).syncUninterruptibly().getNow();
    }
    result.put("sent_total", sent).put("lost", lost).put("reordered", reordered)
        .put("incomplete", malformed);
    if (server != null && options.rate() > 0) {
      result.put("heap_start_mb", heapStart / 1e6).put("heap_end_mb", heapEnd / 1e6)
          .put("rss_start_mb", rssStart / 1e6).put("rss_end_mb", rssEnd / 1e6);
    }
    for (Pair p : pairs) {
      if (p.pacer != null) {
        p.pacer.cancel(false);
      }
      p.sender.close();
      p.receiver.close();
    }
    return result;
  }

  /** Waits (up to 15 s) for every message sent to arrive; returns how many never did. */
  private long drain() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      long missing = 0;
      for (Pair p : pairs) {
        long sent = p.sender.channel().eventLoop().submit(() -> p.sent).syncUninterruptibly()
            .getNow();
        missing += sent - p.acked.get();
      }
      if (missing == 0 || System.nanoTime() > deadline) {
        return missing;
      }
      Thread.sleep(50);
    }
  }
}
