package io.parley.embedded.internal.storage;

import io.parley.spi.storage.ArchiveStore;
import org.junit.jupiter.api.Nested;

/**
 * The {@link ArchiveStore} contract on H2 and PostgreSQL (the in-memory store comes with the MAM
 * feature; add it here when both are merged).
 */
class ArchiveStoreTest {
  @Nested
  class H2 extends ArchiveStoreContract {
    @Override
    ArchiveStore store() {
      return TestDatabases.h2().archive();
    }
  }

  @Nested
  class PostgreSql extends ArchiveStoreContract {
    @Override
    ArchiveStore store() {
      return TestDatabases.postgres().archive();
    }
  }
}
