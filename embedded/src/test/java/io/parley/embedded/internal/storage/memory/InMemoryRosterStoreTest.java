package io.parley.embedded.internal.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryRosterStoreTest {
  private static final Jid JULIET = Jid.of("juliet@example.test");
  private static final Jid ROMEO = Jid.of("romeo@example.test");
  private static final RosterItem ITEM = RosterItem.of(ROMEO, "Romeo", Set.of());

  @Test
  void everyWriteIssuesANewVersion() {
    InMemoryRosterStore store = new InMemoryRosterStore();
    Set<String> versions = new HashSet<>();
    versions.add(store.version(JULIET));
    versions.add(store.put(JULIET, ITEM));
    String third = store.put(JULIET, ITEM.withAsk(true));
    assertEquals(third, store.version(JULIET));
    versions.add(third);
    versions.add(store.remove(JULIET, ROMEO));
    assertEquals(4, versions.size());
    assertTrue(store.items(JULIET).isEmpty());
  }

  @Test
  void itemsAreKeptPerUser() {
    InMemoryRosterStore store = new InMemoryRosterStore();
    store.put(JULIET, ITEM);
    assertEquals(List.of(ITEM), store.items(JULIET));
    assertEquals(Optional.of(ITEM), store.item(JULIET, ROMEO));
    assertEquals(List.of(), store.items(ROMEO));
  }

  @Test
  void aDeletedAccountNeverGetsAnOldVersionBack() {
    InMemoryRosterStore store = new InMemoryRosterStore();
    String before = store.put(JULIET, ITEM);
    store.deleteUser(JULIET);
    assertTrue(store.items(JULIET).isEmpty());
    assertNotEquals(before, store.put(JULIET, ITEM));
  }

  @Test
  void twoStoresDoNotShareVersions() {
    assertNotEquals(new InMemoryRosterStore().version(JULIET),
        new InMemoryRosterStore().version(JULIET));
  }
}
