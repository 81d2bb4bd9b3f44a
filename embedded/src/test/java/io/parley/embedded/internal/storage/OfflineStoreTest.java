package io.parley.embedded.internal.storage;

import io.parley.embedded.internal.storage.memory.InMemoryOfflineStore;
import io.parley.spi.storage.OfflineStore;
import org.junit.jupiter.api.Nested;

/** The {@link OfflineStore} contract on every implementation: in memory, H2 and PostgreSQL. */
class OfflineStoreTest {
  @Nested
  class InMemory extends OfflineStoreContract {
    private final OfflineStore store = new InMemoryOfflineStore();

    @Override
    OfflineStore store() {
      return store;
    }
  }

  @Nested
  class H2 extends OfflineStoreContract {
    @Override
    OfflineStore store() {
      return TestDatabases.h2().offline();
    }
  }

  @Nested
  class PostgreSql extends OfflineStoreContract {
    @Override
    OfflineStore store() {
      return TestDatabases.postgres().offline();
    }
  }
}
