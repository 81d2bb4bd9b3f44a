package io.parley.embedded.internal.storage;

import io.parley.embedded.internal.storage.memory.InMemoryRoomStore;
import io.parley.spi.storage.RoomStore;
import org.junit.jupiter.api.Nested;

/** The {@link RoomStore} contract on every implementation: in memory, H2 and PostgreSQL. */
class RoomStoreTest {
  @Nested
  class InMemory extends RoomStoreContract {
    private final RoomStore store = new InMemoryRoomStore();

    @Override
    RoomStore store() {
      return store;
    }
  }

  @Nested
  class H2 extends RoomStoreContract {
    @Override
    RoomStore store() {
      return TestDatabases.h2().rooms();
    }
  }

  @Nested
  class PostgreSql extends RoomStoreContract {
    @Override
    RoomStore store() {
      return TestDatabases.postgres().rooms();
    }
  }
}
