package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.BlockListStore;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@link BlockListStore} contract, run against every implementation. */
abstract class BlockListStoreContract {
  abstract BlockListStore store();

  private final Jid user = Users.fresh();
  private final Jid a = Users.fresh();
  private final Jid b = Jid.of("example.net");
  private final Jid c = Users.fresh().withResource("r");

  @Test
  void blockAddsToTheListAndTwiceIsHarmless() {
    assertEquals(Set.of(), store().blocked(user));
    store().block(user, Set.of(a, b));
    store().block(user, Set.of(b, c));
    assertEquals(Set.of(a, b, c), store().blocked(user));
  }

  @Test
  void unblockRemovesTheGivenOnesAndEmptyMeansAll() {
    store().block(user, Set.of(a, b, c));
    store().unblock(user, Set.of(a));
    assertEquals(Set.of(b, c), store().blocked(user));
    store().unblock(user, Set.of());
    assertEquals(Set.of(), store().blocked(user));
  }

  @Test
  void deleteUserEmptiesOnlyThatList() {
    Jid other = Users.fresh();
    store().block(user, Set.of(a));
    store().block(other, Set.of(b));
    store().deleteUser(user);
    assertEquals(Set.of(), store().blocked(user));
    assertEquals(Set.of(b), store().blocked(other));
  }
}
