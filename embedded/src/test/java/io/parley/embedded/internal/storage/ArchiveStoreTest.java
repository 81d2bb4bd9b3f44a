package io.parley.embedded.internal.storage;

import io.parley.spi.storage.ArchiveStore;
import org.junit.jupiter.api.Nested;

/** The {@link ArchiveStore} query semantics on H2 and PostgreSQL. */
class ArchiveStoreTest {
  @Nested
  class H2 extends SharedDatabaseArchiveStoreContract {
    @Override
    ArchiveStore store() {
      return TestDatabases.h2().archive();
    }
  }

  @Nested
  class PostgreSql extends SharedDatabaseArchiveStoreContract {
    @Override
    ArchiveStore store() {
      return TestDatabases.postgres().archive();
    }
  }
}
