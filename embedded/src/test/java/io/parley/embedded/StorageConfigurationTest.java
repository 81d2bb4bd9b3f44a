package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.parley.embedded.internal.storage.InMemoryStores;
import io.parley.embedded.internal.storage.PostgresServer;
import io.parley.embedded.internal.storage.memory.InMemoryRosterStore;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's storage options: the H2 default, a JDBC URL, a host DataSource, memory. */
class StorageConfigurationTest {
  private static final Jid JULIET = Jid.of("juliet@example.test");
  private static final RosterItem ROMEO = RosterItem.of(Jid.of("romeo@example.test"), "R",
      Set.of("Friends"));

  @TempDir Path dataDir;

  private Parley.Builder builder() {
    return Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir);
  }

  @Test
  void defaultIsAnH2DatabaseUnderTheDataDirectoryThatOutlivesTheServer() {
    try (Parley parley = builder().build()) {
      assertTrue(ParleyTestAccess.config(parley).credentialStore().create("juliet", "pw"));
      ParleyTestAccess.config(parley).stores().rosters().put(JULIET, ROMEO);
    }
    assertTrue(Files.exists(dataDir.resolve("db").resolve("parley.mv.db")));
    try (Parley parley = builder().build()) {
      assertTrue(ParleyTestAccess.config(parley).credentialStore().exists("juliet"));
      assertEquals(List.of(ROMEO), ParleyTestAccess.config(parley).stores().rosters()
          .items(JULIET));
    }
  }

  @Test
  void jdbcUrlMovesEverythingToPostgreSql() {
    PostgresServer pg = PostgresServer.get();
    String user = "u" + System.nanoTime();
    try (Parley parley = builder().database(pg.jdbcUrl(), pg.user(), "").databasePoolSize(2)
        .build()) {
      assertTrue(ParleyTestAccess.config(parley).credentialStore().create(user, "pw"));
    }
    try (Parley parley = builder().database(pg.jdbcUrl(), pg.user(), "").build()) {
      assertTrue(ParleyTestAccess.config(parley).credentialStore().exists(user));
    }
    assertFalse(Files.exists(dataDir.resolve("db")), "no H2 database when PostgreSQL is set");
  }

  @Test
  void hostDataSourceIsUsedAndNeverClosed() throws Exception {
    PostgresServer pg = PostgresServer.get();
    try (HikariDataSource host = new HikariDataSource()) {
      host.setJdbcUrl(pg.jdbcUrl());
      host.setUsername(pg.user());
      host.setMaximumPoolSize(2);
      String user = "h" + System.nanoTime();
      try (Parley parley = builder().dataSource(host).build()) {
        assertTrue(ParleyTestAccess.config(parley).credentialStore().create(user, "pw"));
      }
      assertFalse(host.isClosed());
      try (Connection c = host.getConnection()) {
        assertTrue(c.isValid(5));
      }
    }
  }

  @Test
  void inMemoryStorageWritesNothing() {
    try (Parley parley = builder().inMemoryStorage().build()) {
      assertInstanceOf(InMemoryStores.class, ParleyTestAccess.config(parley).stores());
    }
    assertFalse(Files.exists(dataDir.resolve("db")));
  }

  @Test
  void aStoreSetForOneConcernReplacesOnlyThatOne() throws Exception {
    InMemoryRosterStore rosters = new InMemoryRosterStore();
    try (Parley parley = builder().rosterStore(rosters).build()) {
      ParleyTestAccess.config(parley).credentialStore().create("juliet", "pw");
      BlockingQueue<Stanza> received = new LinkedBlockingQueue<>();
      InProcessSession juliet = parley.openSession(JULIET.withResource("balcony"),
          received::add);
      juliet.send(Iq.set(null, "r1", Element.builder("query", "jabber:iq:roster")
          .child(Element.builder("item", "jabber:iq:roster")
              .attribute("jid", "romeo@example.test").build())
          .build()));
      Stanza answer;
      do {
        answer = received.poll(15, TimeUnit.SECONDS);
      } while (answer != null && !(answer instanceof Iq iq && "r1".equals(iq.id())));
      assertInstanceOf(Iq.class, answer);
      assertEquals(Iq.Type.RESULT, ((Iq) answer).type());
      assertEquals(1, rosters.items(JULIET).size(), "the roster set went to the host's store");
      assertEquals(List.of(), ParleyTestAccess.config(parley).stores().rosters().items(JULIET));
    }
    // Everything else stayed in the database.
    try (Parley parley = builder().build()) {
      assertTrue(ParleyTestAccess.config(parley).credentialStore().exists("juliet"));
    }
  }

  @Test
  void conflictingStorageOptionsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> builder().inMemoryStorage().database("jdbc:h2:mem:x", "sa", "").build());
    assertThrows(IllegalArgumentException.class,
        () -> builder().inMemoryStorage().databasePoolSize(0).build());
  }
}
