package io.parley.embedded.internal.storage;

import io.parley.embedded.internal.storage.memory.InMemoryPubSubStore;
import io.parley.spi.storage.PubSubStore;
import org.junit.jupiter.api.Nested;

/** The {@link PubSubStore} contract on every implementation: in memory, H2 and PostgreSQL. */
class PubSubStoreTest {
  @Nested
  class InMemory extends PubSubStoreContract {
    private final PubSubStore store = new InMemoryPubSubStore();

    @Override
    PubSubStore store() {
      return store;
    }
  }

  @Nested
  class H2 extends PubSubStoreContract {
    @Override
    PubSubStore store() {
      return TestDatabases.h2().pubSub();
    }
  }

  @Nested
  class PostgreSql extends PubSubStoreContract {
    @Override
    PubSubStore store() {
      return TestDatabases.postgres().pubSub();
    }
  }
}
