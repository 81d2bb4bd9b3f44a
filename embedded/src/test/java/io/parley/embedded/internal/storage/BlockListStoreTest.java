package io.parley.embedded.internal.storage;

import io.parley.embedded.internal.storage.memory.InMemoryBlockListStore;
import io.parley.spi.storage.BlockListStore;
import org.junit.jupiter.api.Nested;

/** The {@link BlockListStore} contract on every implementation: in memory, H2 and PostgreSQL. */
class BlockListStoreTest {
  @Nested
  class InMemory extends BlockListStoreContract {
    private final BlockListStore store = new InMemoryBlockListStore();

    @Override
    BlockListStore store() {
      return store;
    }
  }

  @Nested
  class H2 extends BlockListStoreContract {
    @Override
    BlockListStore store() {
      return TestDatabases.h2().blockLists();
    }
  }

  @Nested
  class PostgreSql extends BlockListStoreContract {
    @Override
    BlockListStore store() {
      return TestDatabases.postgres().blockLists();
    }
  }
}
