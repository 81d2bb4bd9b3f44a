package io.parley.embedded.internal.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs units of work on pooled connections: each in one transaction, committed before the call
 * returns (the SPI's "durable when it returns"), rolled back on any failure, and retried a few
 * times when the database reports a serialization failure or deadlock.
 */
final class Jdbc {
  private static final int ATTEMPTS = 5;

  /** One unit of work on a connection inside a transaction. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final Dialect dialect;

  Jdbc(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  Dialect dialect() {
    return dialect;
  }

  <T> T transaction(Work<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          rollback(c, e);
          throw e;
        } finally {
          // A host's DataSource may hand the connection out again as it is.
          c.setAutoCommit(autoCommit);
        }
      } catch (SQLException e) {
        if (!retryable(e)) {
          throw new StorageException("database call failed: " + e.getMessage(), e);
        }
        last = e;
      }
    }
    throw new StorageException("database call failed after " + ATTEMPTS + " attempts", last);
  }

  /** Runs one read outside an explicit transaction (a single statement sees a consistent view). */
  <T> T read(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageException("database call failed: " + e.getMessage(), e);
    }
  }

  /**
   * Inserts a row unless its key exists; returns the update count (0 if it existed).
   *
   * @param params the key values, then the other column values
   */
  int insertIgnoring(Connection c, String table, String[] keys, String[] values,
      Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(dialect.insertIgnoring(table, keys, values))) {
      int i = 1;
      for (Object p : params) {
        s.setObject(i++, p);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return 0; // H2 only: a concurrent insert won; the statement alone was rolled back.
      }
      throw e;
    }
  }

  /** Inserts or updates a row. @param params the key values, then the other column values */
  void upsert(Connection c, String table, String[] keys, String[] values, Object... params)
      throws SQLException {
    String sql = dialect.upsert(table, keys, values);
    for (int attempt = 1; ; attempt++) {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          s.setObject(i + 1, params[i]);
        }
        s.executeUpdate();
        return;
      } catch (SQLException e) {
        // H2's MERGE may lose a race with a concurrent insert of the key; the second try updates.
        if (attempt > 1 || !UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
    }
  }

  static final String UNIQUE_VIOLATION = "23505";

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    // 40001 serialization failure (both, H2 also for deadlocks), 40P01 PostgreSQL deadlock.
    return "40001".equals(state) || "40P01".equals(state);
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
