package io.parley.embedded.internal.storage;

import io.parley.embedded.internal.storage.memory.InMemoryLastActivityStore;
import io.parley.spi.storage.LastActivityStore;
import org.junit.jupiter.api.Nested;

/** The {@link LastActivityStore} contract on every implementation: in memory, H2 and PostgreSQL. */
class LastActivityStoreTest {
  @Nested
  class InMemory extends LastActivityStoreContract {
    private final LastActivityStore store = new InMemoryLastActivityStore();

    @Override
    LastActivityStore store() {
      return store;
    }
  }

  @Nested
  class H2 extends LastActivityStoreContract {
    @Override
    LastActivityStore store() {
      return TestDatabases.h2().lastActivity();
    }
  }

  @Nested
  class PostgreSql extends LastActivityStoreContract {
    @Override
    LastActivityStore store() {
      return TestDatabases.postgres().lastActivity();
    }
  }
}
