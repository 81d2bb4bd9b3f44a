package io.parley.embedded.internal.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.parley.embedded.internal.storage.Stores;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.BlockListStore;
import io.parley.spi.storage.LastActivityStore;
import io.parley.spi.storage.OfflineStore;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.RoomStore;
import io.parley.spi.storage.RosterStore;
import io.parley.spi.storage.SubscriptionRequestStore;
import io.parley.spi.storage.XmlStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every store on one database: the embedded H2 file database under the data directory, a JDBC
 * URL (PostgreSQL) with Parley's own connection pool, or the host's {@link DataSource}. Opening
 * it creates or upgrades the schema with Flyway ({@code db/parley/V*.sql}). Closing it closes
 * the pool Parley created, never a host's DataSource.
 */
public final class JdbcStorage implements Stores {
  private static final Logger log = LoggerFactory.getLogger(JdbcStorage.class);

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final Dialect dialect;
  private final JdbcCredentialStore credentials;
  private final JdbcRosterStore rosters;
  private final JdbcOfflineStore offline;
  private final JdbcXmlStore xml;
  private final JdbcBlockListStore blockLists;
  private final JdbcArchiveStore archive;
  private final JdbcSubscriptionRequestStore subscriptionRequests;
  private final JdbcLastActivityStore lastActivity;
  private final JdbcPubSubStore pubSub;
  private final JdbcRoomStore rooms;

  private JdbcStorage(DataSource dataSource, HikariDataSource ownedPool) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.dialect = dialect(dataSource);
    migrate();
    Jdbc jdbc = new Jdbc(dataSource, dialect);
    this.credentials = new JdbcCredentialStore(jdbc);
    this.rosters = new JdbcRosterStore(jdbc);
    this.offline = new JdbcOfflineStore(jdbc);
    this.xml = new JdbcXmlStore(jdbc);
    this.blockLists = new JdbcBlockListStore(jdbc);
    this.archive = new JdbcArchiveStore(jdbc);
    this.subscriptionRequests = new JdbcSubscriptionRequestStore(jdbc);
    this.lastActivity = new JdbcLastActivityStore(jdbc);
    this.pubSub = new JdbcPubSubStore(jdbc);
    this.rooms = new JdbcRoomStore(jdbc);
  }

  /**
   * The embedded H2 database in {@code <dataDirectory>/db/parley.mv.db}, created on first use.
   * {@code WRITE_DELAY=0}: H2 has no redo log and by default writes committed changes to its file
   * up to half a second later; with 0 every commit is in the file (the OS's page cache) before it
   * returns, so a killed process loses nothing it acknowledged. A power failure can still lose
   * the last commits: H2 does not fsync each one (use PostgreSQL for that).
   */
  public static JdbcStorage embedded(Path dataDirectory, int poolSize) {
    Path dir = dataDirectory.resolve("db").toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create the database directory " + dir, e);
    }
    String url = "jdbc:h2:file:" + dir.resolve("parley") + ";WRITE_DELAY=0";
    return open(url, "sa", "", poolSize);
  }

  /** A database by JDBC URL (H2 or PostgreSQL), with a pool Parley owns. */
  public static JdbcStorage open(String jdbcUrl, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("parley-db");
    // The database is checked by the migration right after; fail there, with its message.
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      return new JdbcStorage(pool, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The host's DataSource: Parley migrates the schema and never closes it. */
  public static JdbcStorage hostDataSource(DataSource dataSource) {
    return new JdbcStorage(dataSource, null);
  }

  private static Dialect dialect(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return Dialect.of(c.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
    }
  }

  private void migrate() {
    var result = Flyway.configure(JdbcStorage.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/parley")
        .table("parley_schema_history")
        .placeholders(Map.of("bytes", dialect == Dialect.H2 ? "VARBINARY" : "BYTEA"))
        // A host's database may hold other tables: start Parley's history there all the same.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      log.info("database schema migrated to version {} ({} migrations)", result.targetSchemaVersion,
          result.migrationsExecuted);
    }
  }

  @Override
  public CredentialStore credentials() {
    return credentials;
  }

  @Override
  public RosterStore rosters() {
    return rosters;
  }

  @Override
  public OfflineStore offline() {
    return offline;
  }

  @Override
  public XmlStore xml() {
    return xml;
  }

  @Override
  public BlockListStore blockLists() {
    return blockLists;
  }

  @Override
  public ArchiveStore archive() {
    return archive;
  }

  @Override
  public SubscriptionRequestStore subscriptionRequests() {
    return subscriptionRequests;
  }

  @Override
  public LastActivityStore lastActivity() {
    return lastActivity;
  }

  @Override
  public PubSubStore pubSub() {
    return pubSub;
  }

  @Override
  public RoomStore rooms() {
    return rooms;
  }

  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}
