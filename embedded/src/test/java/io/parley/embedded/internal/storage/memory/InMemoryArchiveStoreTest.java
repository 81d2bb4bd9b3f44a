package io.parley.embedded.internal.storage.memory;

import io.parley.embedded.internal.storage.ArchiveStoreContract;
import io.parley.spi.storage.ArchiveStore;

class InMemoryArchiveStoreTest extends ArchiveStoreContract {
  @Override
  protected ArchiveStore newStore() {
    return new InMemoryArchiveStore();
  }
}
