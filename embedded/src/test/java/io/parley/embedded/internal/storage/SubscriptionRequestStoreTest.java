package io.parley.embedded.internal.storage;

import io.parley.embedded.internal.storage.memory.InMemorySubscriptionRequestStore;
import io.parley.spi.storage.SubscriptionRequestStore;
import org.junit.jupiter.api.Nested;

/** The {@link SubscriptionRequestStore} contract on every implementation: in memory, H2 and PostgreSQL. */
class SubscriptionRequestStoreTest {
  @Nested
  class InMemory extends SubscriptionRequestStoreContract {
    private final SubscriptionRequestStore store = new InMemorySubscriptionRequestStore();

    @Override
    SubscriptionRequestStore store() {
      return store;
    }
  }

  @Nested
  class H2 extends SubscriptionRequestStoreContract {
    @Override
    SubscriptionRequestStore store() {
      return TestDatabases.h2().subscriptionRequests();
    }
  }

  @Nested
  class PostgreSql extends SubscriptionRequestStoreContract {
    @Override
    SubscriptionRequestStore store() {
      return TestDatabases.postgres().subscriptionRequests();
    }
  }
}
