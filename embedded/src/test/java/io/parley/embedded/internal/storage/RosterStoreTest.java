package io.parley.embedded.internal.storage;

import io.parley.embedded.internal.storage.memory.InMemoryRosterStore;
import io.parley.spi.storage.RosterStore;
import org.junit.jupiter.api.Nested;

/** The {@link RosterStore} contract on every implementation: in memory, H2 and PostgreSQL. */
class RosterStoreTest {
  @Nested
  class InMemory extends RosterStoreContract {
    private final RosterStore store = new InMemoryRosterStore();

    @Override
    RosterStore store() {
      return store;
    }
  }

  @Nested
  class H2 extends RosterStoreContract {
    @Override
    RosterStore store() {
      return TestDatabases.h2().rosters();
    }
  }

  @Nested
  class PostgreSql extends RosterStoreContract {
    @Override
    RosterStore store() {
      return TestDatabases.postgres().rosters();
    }
  }
}
