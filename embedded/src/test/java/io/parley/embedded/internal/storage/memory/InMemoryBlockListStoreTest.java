package io.parley.embedded.internal.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryBlockListStoreTest {
  private static final Jid ALICE = Jid.of("alice@example.test");
  private final InMemoryBlockListStore store = new InMemoryBlockListStore();

  @Test
  void blockKeepsOrderAndIgnoresDuplicates() {
    store.block(ALICE.withResource("desk"), Set.of(Jid.of("b@x.test")));
    store.block(ALICE, Set.of(Jid.of("c@x.test"), Jid.of("b@x.test")));
    assertEquals(List.of(Jid.of("b@x.test"), Jid.of("c@x.test")),
        List.copyOf(store.blocked(ALICE)));
  }

  @Test
  void unblockRemovesSomeOrAll() {
    store.block(ALICE, Set.of(Jid.of("b@x.test"), Jid.of("c@x.test")));
    store.unblock(ALICE, Set.of(Jid.of("b@x.test")));
    assertEquals(Set.of(Jid.of("c@x.test")), store.blocked(ALICE));
    store.unblock(ALICE, Set.of());
    assertTrue(store.blocked(ALICE).isEmpty());
  }

  @Test
  void deleteUserForgetsTheList() {
    store.block(ALICE, Set.of(Jid.of("b@x.test")));
    store.deleteUser(ALICE);
    assertTrue(store.blocked(ALICE).isEmpty());
  }
}
