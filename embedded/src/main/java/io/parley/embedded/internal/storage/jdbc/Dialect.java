package io.parley.embedded.internal.storage.jdbc;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The few statements that differ between the databases Parley supports: insert-or-update and
 * insert-unless-present. Everything else is plain SQL both accept.
 */
enum Dialect {
  H2,
  POSTGRESQL;

  static Dialect of(String productName) {
    String name = productName.toLowerCase(Locale.ROOT);
    if (name.contains("h2")) {
      return H2;
    }
    if (name.contains("postgres")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException("unsupported database: " + productName
        + " (Parley supports H2 and PostgreSQL)");
  }

  /**
   * Inserts a row or, if one with the same key exists, updates its value columns. Parameters:
   * the key columns, then the value columns, in the given order.
   */
  String upsert(String table, String[] keys, String[] values) {
    String[] all = concat(keys, values);
    String placeholders = Arrays.stream(all).map(c -> "?").collect(Collectors.joining(", "));
    if (this == H2) {
      return "MERGE INTO " + table + " (" + String.join(", ", all) + ") KEY ("
          + String.join(", ", keys) + ") VALUES (" + placeholders + ")";
    }
    String update = values.length == 0 ? "NOTHING" : "UPDATE SET " + Arrays.stream(values)
        .map(v -> v + " = EXCLUDED." + v).collect(Collectors.joining(", "));
    return "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES (" + placeholders
        + ") ON CONFLICT (" + String.join(", ", keys) + ") DO " + update;
  }

  /**
   * Inserts a row unless one with the same key exists (then the update count is 0). H2 gets a
   * plain insert whose unique violation {@link Jdbc#insertIgnoring} turns into 0: H2 rolls back
   * only the failed statement, whereas PostgreSQL would abort the whole transaction, so it gets
   * ON CONFLICT DO NOTHING.
   */
  String insertIgnoring(String table, String[] keys, String[] values) {
    String[] all = concat(keys, values);
    String placeholders = Arrays.stream(all).map(c -> "?").collect(Collectors.joining(", "));
    String insert = "INSERT INTO " + table + " (" + String.join(", ", all) + ") VALUES ("
        + placeholders + ")";
    return this == H2 ? insert
        : insert + " ON CONFLICT (" + String.join(", ", keys) + ") DO NOTHING";
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
