package io.parley.embedded.internal.storage;

import io.parley.embedded.internal.storage.jdbc.JdbcStorage;
import java.io.IOException;
import java.nio.file.Files;

/**
 * One {@link JdbcStorage} per database kind for the whole test JVM: an H2 file database in a
 * temporary directory and the throwaway PostgreSQL cluster. Contract tests isolate themselves by
 * using fresh user JIDs, so the databases need no cleaning between tests.
 */
public final class TestDatabases {
  private static JdbcStorage h2;
  private static JdbcStorage postgres;

  private TestDatabases() {}

  public static synchronized JdbcStorage h2() {
    if (h2 == null) {
      try {
        h2 = JdbcStorage.embedded(Files.createTempDirectory("parley-h2"), 4);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return h2;
  }

  public static synchronized JdbcStorage postgres() {
    if (postgres == null) {
      PostgresServer server = PostgresServer.get();
      postgres = JdbcStorage.open(server.jdbcUrl(), server.user(), "", 4);
    }
    return postgres;
  }
}
