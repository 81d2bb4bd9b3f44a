package io.parley.embedded.internal.storage;

import io.parley.embedded.internal.storage.memory.InMemoryXmlStore;
import io.parley.spi.storage.XmlStore;
import org.junit.jupiter.api.Nested;

/** The {@link XmlStore} contract on every implementation: in memory, H2 and PostgreSQL. */
class XmlStoreTest {
  @Nested
  class InMemory extends XmlStoreContract {
    private final XmlStore store = new InMemoryXmlStore();

    @Override
    XmlStore store() {
      return store;
    }
  }

  @Nested
  class H2 extends XmlStoreContract {
    @Override
    XmlStore store() {
      return TestDatabases.h2().xml();
    }
  }

  @Nested
  class PostgreSql extends XmlStoreContract {
    @Override
    XmlStore store() {
      return TestDatabases.postgres().xml();
    }
  }
}
