package io.parley.embedded.internal.storage;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.spi.auth.CredentialStore;
import org.junit.jupiter.api.Nested;

/** The {@link CredentialStore} contract on every implementation: in memory, H2 and PostgreSQL. */
class CredentialStoreTest {
  @Nested
  class InMemory extends CredentialStoreContract {
    private final CredentialStore store = new InMemoryCredentialStore();

    @Override
    CredentialStore store() {
      return store;
    }
  }

  @Nested
  class H2 extends CredentialStoreContract {
    @Override
    CredentialStore store() {
      return TestDatabases.h2().credentials();
    }
  }

  @Nested
  class PostgreSql extends CredentialStoreContract {
    @Override
    CredentialStore store() {
      return TestDatabases.postgres().credentials();
    }
  }
}
