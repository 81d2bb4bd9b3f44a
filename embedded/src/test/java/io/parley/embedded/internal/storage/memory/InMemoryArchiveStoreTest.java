package io.parley.embedded.internal.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.embedded.internal.storage.ArchiveStoreContract;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.util.ArrayList;
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

  @Test
  void aBoundedArchivePagesAndExpiresInOrderAfterItsOldestEntriesWereDroppedManyTimes() {
    InMemoryArchiveStore store = new InMemoryArchiveStore(5);
    for (int i = 0; i < 23; i++) {
      store.append(JULIET, entry("e" + i, i, ROMEO));
    }
    assertEquals(List.of("e18", "e19", "e20", "e21", "e22"), ids(store, ArchiveQuery.first(10)));
    assertEquals(List.of("e20", "e21"), ids(store,
        new ArchiveQuery(null, null, null, null, null, List.of(), "e19", null, false, 2)));
    assertEquals(List.of("e19", "e20"), ids(store,
        new ArchiveQuery(null, null, null, null, null, List.of(), null, "e21", false, 2)));
    assertEquals(List.of("e21", "e22"), ids(store, ArchiveQuery.newest(2)));

    assertEquals(2, store.deleteBefore(JULIET, T0.plusSeconds(20)));
    assertEquals(List.of("e20", "e21", "e22"), ids(store, ArchiveQuery.first(10)));
    store.append(JULIET, entry("e23", 23, ROMEO));
    assertEquals(List.of("e21", "e22", "e23"), ids(store,
        new ArchiveQuery(null, null, null, null, null, List.of(), "e20", null, false, 10)));
    assertThrows(NoSuchElementException.class, () -> store.query(JULIET,
        new ArchiveQuery(null, null, null, null, null, List.of(), "e17", null, false, 5)));
  }

  @Test
  void anUnboundedArchiveKeepsEveryEntryInOrderAsItGrows() {
    InMemoryArchiveStore store = new InMemoryArchiveStore();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      store.append(JULIET, entry("e" + i, i, ROMEO));
      expected.add("e" + i);
    }
    assertEquals(expected, ids(store, ArchiveQuery.first(100)));
    assertEquals(expected.subList(60, 70), ids(store,
        new ArchiveQuery(null, null, null, null, null, List.of(), "e59", null, false, 10)));
  }

  private static List<String> ids(ArchiveStore store, ArchiveQuery query) {
    return store.query(JULIET, query).messages().stream().map(ArchivedMessage::id).toList();
  }
}
