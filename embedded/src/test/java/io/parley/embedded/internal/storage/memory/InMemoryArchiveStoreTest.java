package io.parley.embedded.internal.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.embedded.internal.storage.ArchiveStoreContract;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class InMemoryArchiveStoreTest extends ArchiveStoreContract {
  @Override
  protected ArchiveStore newStore() {
    return new InMemoryArchiveStore();
  }

  @Test
  void aBoundedStoreDropsTheOldestEntriesOfThatUserOnly() {
    InMemoryArchiveStore store = new InMemoryArchiveStore(3);
    for (int i = 0; i < 5; i++) {
      store.append(JULIET, entry("e" + i, i, ROMEO));
    }
    store.append(NURSE, entry("n0", 0, ROMEO));
    assertEquals(List.of("e2", "e3", "e4"), store.query(JULIET, ArchiveQuery.first(10))
        .messages().stream().map(ArchivedMessage::id).toList());
    assertEquals(1, store.query(NURSE, ArchiveQuery.first(10)).messages().size());
    assertThrows(NoSuchElementException.class, () -> store.query(JULIET,
        new ArchiveQuery(null, null, null, null, null, List.of(), "e1", null, false, 5)));
    assertThrows(IllegalArgumentException.class, () -> new InMemoryArchiveStore(0));
  }
}
