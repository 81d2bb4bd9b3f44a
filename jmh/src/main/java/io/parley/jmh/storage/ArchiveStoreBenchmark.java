package io.parley.jmh.storage;

import io.parley.embedded.internal.storage.jdbc.JdbcStorage;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDBC archive store with 1,000,000 archived messages spread over 1,000 users (1,000 each):
 * {@code append} is one archived message committed (score: messages per second, 4 threads);
 * {@code newestPage} fetches the newest 50 entries of a random user's archive, as a MAM client
 * does when it opens a conversation (score: microseconds per page, 1 thread).
 *
 * <p>{@code database=h2} uses an H2 file database under {@code -Dparley.bench.dir} (default
 * {@code target/archive-bench}, filled once and reused); {@code database=postgresql} needs
 * {@code -Dparley.bench.pg=jdbc:postgresql://host:port/db} and {@code -Dparley.bench.pgUser}.
 * The fill bypasses the store (set-based inserts of one stored stanza, committed every 100,000
 * rows) so that it takes minutes, not hours.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class ArchiveStoreBenchmark {
  static final int USERS = 1_000;
  // -Dparley.bench.perUser=100 for a quicker 100,000-message run.
  static final int PER_USER = Integer.getInteger("parley.bench.perUser", 1_000);
  private static final String DOMAIN = "bench.example";

  @State(Scope.Benchmark)
  public static class Archive {
    @Param({"h2", "postgresql"})
    public String database;

    JdbcStorage storage;
    ArchiveStore store;
    final AtomicLong appended = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws Exception {
      // Opened once to create the schema, then closed while the fill runs over a plain
      // connection: on H2 that connection commits without WRITE_DELAY=0, in large batches.
      storage = storage();
      storage.close();
      // H2's default page cache (64 MB) thrashes on the fill's four indexes: give it more.
      String fillUrl = database.equals("h2") ? url() + ";CACHE_SIZE=393216" : url();
      try (Connection c = DriverManager.getConnection(fillUrl, dbUser(), password())) {
        fill(c);
      }
      storage = storage();
      store = storage.archive();
    }

    private JdbcStorage storage() throws java.io.IOException {
      if (database.equals("h2")) {
        Files.createDirectories(h2Directory());
        return JdbcStorage.embedded(h2Directory(), 8);
      }
      return JdbcStorage.open(url(), dbUser(), password(), 8);
    }

    private static Path h2Directory() {
      return Path.of(System.getProperty("parley.bench.dir", "target/archive-bench"));
    }

    private String url() {
      if (database.equals("h2")) {
        return "jdbc:h2:file:" + h2Directory().toAbsolutePath().resolve("db").resolve("parley");
      }
      String url = System.getProperty("parley.bench.pg");
      if (url == null) {
        throw new IllegalStateException("give -Dparley.bench.pg=jdbc:postgresql://...");
      }
      return url;
    }

    private String dbUser() {
      return database.equals("h2") ? "sa" : System.getProperty("parley.bench.pgUser", "parley");
    }

    private static String password() {
      return System.getProperty("parley.bench.pgPassword", "");
    }

    private void fill(Connection c) throws SQLException {
      long present;
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*) FROM parley_archive")) {
        r.next();
        present = r.getLong(1);
      }
      if (present >= (long) USERS * PER_USER) {
        return;
      }
      // The stanza text exactly as the store writes it, from one real append.
      Jid seed = Jid.of("seed@" + DOMAIN);
      try (JdbcStorage seeding = storage()) {
        seeding.archive().append(seed, entry(seed, "seed-" + UUID.randomUUID()));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      String stanza;
      try (PreparedStatement s = c.prepareStatement(
          "SELECT stanza FROM parley_archive WHERE owner = ?")) {
        s.setString(1, seed.toString());
        try (ResultSet r = s.executeQuery()) {
          r.next();
          stanza = r.getString(1);
        }
      }
      c.setAutoCommit(false);
      try (PreparedStatement owners = c.prepareStatement(
          "INSERT INTO parley_archive_owner (owner, appended) VALUES (?, ?)")) {
        for (int u = 0; u < USERS; u++) {
          owners.setString(1, user(u).toString());
          owners.setLong(2, PER_USER);
          owners.addBatch();
        }
        owners.executeBatch();
      }
      c.commit();
      // Set-based: the database generates the rows itself (row-by-row batches took over 20
      // minutes on H2). Row x belongs to user x % USERS, so users interleave in time order as
      // on a live server; committed every 100,000 rows to keep each transaction small.
      String range = database.equals("h2")
          ? "SYSTEM_RANGE(?, ?)" : "generate_series(CAST(? AS BIGINT), CAST(? AS BIGINT)) AS x";
      String contact = "'contact' || CAST(MOD(x / " + USERS + ", 10) AS VARCHAR(4)) || '@"
          + DOMAIN + "'";
      try (PreparedStatement rows = c.prepareStatement("INSERT INTO parley_archive"
          + " (owner, id, stamp, with_bare, with_full, stanza)"
          + " SELECT 'user' || CAST(MOD(x, " + USERS + ") AS VARCHAR(12)) || '@" + DOMAIN + "',"
          + " 'f' || CAST(x / " + USERS + " AS VARCHAR(12)),"
          + " CAST(? AS BIGINT) + x, " + contact + ", " + contact + " || '/r', ?"
          + " FROM " + range)) {
        long total = (long) USERS * PER_USER;
        for (long from = 0; from < total; from += 100_000) {
          rows.setLong(1, 1_800_000_000_000_000_000L);
          rows.setString(2, stanza);
          rows.setLong(3, from);
          rows.setLong(4, Math.min(total, from + 100_000) - 1);
          rows.executeUpdate();
          c.commit();
        }
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      storage.close();
    }
  }

  static Jid user(int i) {
    return Jid.of("user" + i + "@" + DOMAIN);
  }

  static ArchivedMessage entry(Jid owner, String id) {
    Jid with = Jid.of("romeo@" + DOMAIN + "/orchard");
    return new ArchivedMessage(id, Instant.now(), with, new Message(owner, with, id,
        Message.Type.CHAT, null, Message.chat(owner, "But soft, what light through yonder"
            + " window breaks? It is the east, and Juliet is the sun.").children()));
  }

  /** One message archived and committed. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public void append(Archive archive) {
    Jid owner = user(ThreadLocalRandom.current().nextInt(USERS));
    archive.store.append(owner, entry(owner, "b" + archive.appended.incrementAndGet() + "-"
        + ThreadLocalRandom.current().nextLong()));
  }

  /** The newest 50 entries of one user's archive. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public ArchivePage newestPage(Archive archive) {
    return archive.store.query(user(ThreadLocalRandom.current().nextInt(USERS)),
        ArchiveQuery.newest(50));
  }
}
