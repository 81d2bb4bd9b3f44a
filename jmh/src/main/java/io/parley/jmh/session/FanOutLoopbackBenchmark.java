package io.parley.jmh.session;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.Parley;
import io.parley.embedded.PubSub;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fan-out engine over TCP on loopback: N real client connections (N accounts sharing one
 * SCRAM credential, so the client derives the salted password once; SCRAM-SHA-1 over plain TCP)
 * subscribed to one node; the host publishes R times, and one NIO
 * thread reads every socket and counts complete {@code </message>} elements. Prints the
 * notifications per second (publish to last byte received, all R rounds) and the bytes the whole
 * JVM allocated per notification (server and the counting reader, which allocates nothing).
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.parley.jmh.session.FanOutLoopbackBenchmark 1000 20 64
 * </pre>
 * Arguments: subscribers (default 1000; two file descriptors each), rounds (20), payload bytes
 * (64), window: publishes in flight (1: each publish waits for the one before to arrive). Not
 * a JMH benchmark: its unit is one publish to N sockets, timed end to end.
 */
public final class FanOutLoopbackBenchmark {
  private static final String DOMAIN = "bench.test";
  private static final String PASSWORD = "pw";

  private FanOutLoopbackBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int payload = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int window = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Path data = Files.createTempDirectory("parley-loopback");
    try (Parley parley = Parley.builder().domain(DOMAIN).tcpPort(0).directTlsPort(-1)
        .tlsRequired(false).dataDirectory(data).bindAddress("127.0.0.1")
        .credentials(sameCredentialForAll())
        .build().start()) {
      PubSub ps = parley.pubSub();
      ps.createNode("bench", Map.of()).toCompletableFuture().get(30, TimeUnit.SECONDS);
      Scram scram = new Scram();
      List<SocketChannel> channels = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String user = String.format("u%06d", i);
        channels.add(login(parley.tcpPort(), user, scram));
        ps.subscribe("bench", Jid.of(user + "@" + DOMAIN + "/r"));
      }
      ps.subscribe("bench", Jid.of("nobody@" + DOMAIN)).toCompletableFuture()
          .get(60, TimeUnit.SECONDS); // after all the subscriptions before it
      Counter counter = new Counter(channels);
      Thread reader = new Thread(counter, "loopback-reader");
      reader.setDaemon(true);
      reader.start();
      Element item = Element.builder("data", "urn:bench").text("x".repeat(payload)).build();
      // Warm-up rounds, then the timed ones.
      runRounds(ps, item, counter, n, 5, window);
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long allocatedBefore = allocated(threads);
      long serverCpuBefore = cpu(threads, "parley-");
      long ioCpuBefore = cpu(threads, "parley-io");
      long ioUserBefore = user(threads, "parley-io");
      long readerCpuBefore = cpu(threads, "loopback-reader");
      long start = System.nanoTime();
      runRounds(ps, item, counter, n, rounds, window);
      long took = System.nanoTime() - start;
      long allocated = allocated(threads) - allocatedBefore;
      long notifications = (long) n * rounds;
      double serverCpu = (cpu(threads, "parley-") - serverCpuBefore) / 1e3 / notifications;
      double readerCpu = (cpu(threads, "loopback-reader") - readerCpuBefore) / 1e3 / notifications;
      double perSecond = notifications / (took / 1e9);
      double ioCpu = (cpu(threads, "parley-io") - ioCpuBefore) / 1e3 / notifications;
      double ioUser = (user(threads, "parley-io") - ioUserBefore) / 1e3 / notifications;
      System.out.printf("subscribers=%d rounds=%d payload=%dB window=%d: %.0f notifications/s, "
          + "%.1f bytes allocated per notification (whole JVM), server CPU %.2f us and reader"
          + " CPU %.2f us per notification (event loops %.2f us, %.2f us of it in user mode)%n",
          n, rounds, payload, window, perSecond, (double) allocated / notifications, serverCpu,
          readerCpu, ioCpu, ioUser);
      counter.stop();
      for (SocketChannel c : channels) {
        c.close();
      }
    }
  }

  // Every username logs in with the one credential: N accounts without N password hashings.
  static io.parley.spi.auth.CredentialStore sameCredentialForAll() {
    InMemoryCredentialStore one = new InMemoryCredentialStore().addUser("bench", PASSWORD);
    return new io.parley.spi.auth.CredentialStore() {
      @Override
      public boolean exists(String username) {
        return true;
      }

      @Override
      public java.util.Optional<io.parley.spi.auth.ScramCredential> scramCredential(
          String username, io.parley.spi.auth.ScramAlgorithm algorithm) {
        return one.scramCredential("bench", algorithm);
      }
    };
  }

  // CPU time (user and system) of the live threads whose name starts with the prefix.
  private static long cpu(com.sun.management.ThreadMXBean threads, String prefix) {
    return threadTime(threads, prefix, threads::getThreadCpuTime);
  }

  // The user-mode part of it.
  private static long user(com.sun.management.ThreadMXBean threads, String prefix) {
    return threadTime(threads, prefix, threads::getThreadUserTime);
  }

  private static long threadTime(com.sun.management.ThreadMXBean threads, String prefix,
      java.util.function.LongUnaryOperator timeOf) {
    long sum = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith(prefix)) {
        sum += Math.max(0, timeOf.applyAsLong(info.getThreadId()));
      }
    }
    return sum;
  }

  static long allocated(com.sun.management.ThreadMXBean threads) {
    long sum = 0;
    for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(0, b);
    }
    return sum;
  }

  /**
   * Publishes {@code rounds} items, at most {@code window} of them not yet fully delivered: with
   * a window of 1 each publish waits for the last byte of the one before (latency of one
   * fan-out); a larger window measures the sustained rate, where a connection's notifications
   * from consecutive publishes can share a write.
   */
  private static void runRounds(PubSub ps, Element item, Counter counter, int n, int rounds,
      int window) throws Exception {
    long base = counter.messages.get();
    for (int r = 0; r < rounds; r++) {
      awaitCount(counter, base + (long) (r - window + 1) * n);
      ps.publish("bench", null, item);
    }
    awaitCount(counter, base + (long) rounds * n);
  }

  private static void awaitCount(Counter counter, long target) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (counter.messages.get() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + counter.messages.get() + " of " + target);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000);
    }
  }

  /** Reads every socket on one thread, counting {@code </message>} across read boundaries. */
  static final class Counter implements Runnable {
    private static final byte[] END = "</message>".getBytes(StandardCharsets.US_ASCII);
    final AtomicLong messages = new AtomicLong();
    private final Selector selector;
    private volatile boolean running = true;

    Counter(List<SocketChannel> channels) throws IOException {
      selector = Selector.open();
      for (SocketChannel c : channels) {
        c.configureBlocking(false);
        c.register(selector, SelectionKey.OP_READ, new int[1]);
      }
    }

    void stop() throws IOException {
      running = false;
      selector.wakeup();
    }

    @Override
    public void run() {
      ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
      try {
        while (running) {
          selector.select(100);
          var keys = selector.selectedKeys();
          for (var it = keys.iterator(); it.hasNext(); ) {
            SelectionKey key = it.next();
            it.remove();
            int[] state = (int[]) key.attachment();
            buf.clear();
            int read = ((SocketChannel) key.channel()).read(buf);
            long found = 0;
            for (int i = 0; i < read; i++) {
              byte b = buf.get(i);
              if (b == END[state[0]]) {
                if (++state[0] == END.length) {
                  found++;
                  state[0] = 0;
                }
              } else {
                state[0] = b == END[0] ? 1 : 0;
              }
            }
            if (found > 0) {
              messages.addAndGet(found);
            }
          }
        }
        selector.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  // ---- a minimal client: stream, SCRAM-SHA-1, bind (RFC 6120 §§4, 6, 7; RFC 5802)

  private static final String OPEN = "<?xml version='1.0'?><stream:stream to='" + DOMAIN
      + "' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

  static SocketChannel login(int port, String user, Scram scram) throws Exception {
    SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
    StringBuilder in = new StringBuilder();
    send(c, OPEN);
    readUntil(c, in, "</stream:features>");
    String nonce = Long.toHexString(System.nanoTime()) + user;
    String clientFirstBare = "n=" + user + ",r=" + nonce;
    send(c, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
        + b64("n,," + clientFirstBare) + "</auth>");
    String challenge = readUntil(c, in, "</challenge>");
    String serverFirst = new String(Base64.getDecoder().decode(challenge.substring(
        challenge.indexOf('>', challenge.indexOf("<challenge")) + 1,
        challenge.indexOf("</challenge>"))), StandardCharsets.UTF_8);
    send(c, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + b64(scram.clientFinal(clientFirstBare, serverFirst)) + "</response>");
    if (!readUntil(c, in, "success").contains("success")) {
      throw new IOException("login failed");
    }
    readUntil(c, in, ">");
    send(c, OPEN);
    readUntil(c, in, "</stream:features>");
    send(c, "<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>r"
        + "</resource></bind></iq>");
    readUntil(c, in, "</iq>");
    return c;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static void send(SocketChannel c, String s) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  /** Reads until {@code marker} appears; returns and forgets what was read up to it. */
  private static String readUntil(SocketChannel c, StringBuilder in, String marker)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4096);
    int at;
    while ((at = in.indexOf(marker)) < 0) {
      b.clear();
      if (c.read(b) < 0) {
        throw new IOException("closed: " + in);
      }
      in.append(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
    }
    String upTo = in.substring(0, at + marker.length());
    in.delete(0, at + marker.length());
    return upTo;
  }

  /** SCRAM-SHA-1 client; the salted password is derived once for all connections. */
  static final class Scram {
    private byte[] salted;
    private String saltedFor;

    String clientFinal(String clientFirstBare, String serverFirst)
        throws GeneralSecurityException {
      String nonce = null;
      String salt = null;
      int iterations = 0;
      for (String part : serverFirst.split(",")) {
        if (part.startsWith("r=")) {
          nonce = part.substring(2);
        } else if (part.startsWith("s=")) {
          salt = part.substring(2);
        } else if (part.startsWith("i=")) {
          iterations = Integer.parseInt(part.substring(2));
        }
      }
      if (!(salt + iterations).equals(saltedFor)) {
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1");
        salted = f.generateSecret(new PBEKeySpec(PASSWORD.toCharArray(),
            Base64.getDecoder().decode(salt), iterations, 160)).getEncoded();
        saltedFor = salt + iterations;
      }
      String withoutProof = "c=biws,r=" + nonce;
      String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
      byte[] clientKey = hmac(salted, "Client Key");
      byte[] storedKey = MessageDigest.getInstance("SHA-1").digest(clientKey);
      byte[] signature = hmac(storedKey, authMessage);
      byte[] proof = new byte[clientKey.length];
      for (int i = 0; i < proof.length; i++) {
        proof[i] = (byte) (clientKey[i] ^ signature[i]);
      }
      return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
  }
}
