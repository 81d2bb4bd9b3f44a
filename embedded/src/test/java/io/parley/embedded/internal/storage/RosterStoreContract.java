package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.RosterStore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@link RosterStore} contract, run against every implementation. */
abstract class RosterStoreContract {
  abstract RosterStore store();

  private final Jid user = Users.fresh();
  private final Jid romeo = Users.fresh();
  private final Jid mercutio = Users.fresh();

  @Test
  void newUserHasNoItems() {
    assertEquals(List.of(), store().items(user));
    assertEquals(Optional.empty(), store().item(user, romeo));
  }

  @Test
  void putItemIsReadBackWithEveryField() {
    RosterItem item = new RosterItem(romeo, "Romeo \u2764 <&>", Subscription.FROM, true, true,
        Set.of("Friends", "12:tricky:group", "", "Verona\nline"));
    store().put(user, item);
    assertEquals(Optional.of(item), store().item(user, romeo));
    assertEquals(List.of(item), store().items(user));
  }

  @Test
  void putReplacesTheItemForTheSameContact() {
    store().put(user, RosterItem.of(romeo, "R", Set.of("A")));
    RosterItem replaced = new RosterItem(romeo, null, Subscription.BOTH, false, false, Set.of());
    store().put(user, replaced);
    assertEquals(List.of(replaced), store().items(user));
  }

  @Test
  void everyChangeIssuesANewVersionThatVersionReports() {
    Set<String> versions = new HashSet<>();
    versions.add(store().version(user));
    String v1 = store().put(user, RosterItem.of(romeo, null, Set.of()));
    String v2 = store().put(user, RosterItem.of(mercutio, null, Set.of()));
    String v3 = store().remove(user, romeo);
    assertTrue(versions.add(v1) && versions.add(v2) && versions.add(v3), versions::toString);
    assertEquals(v3, store().version(user));
    assertEquals(List.of(RosterItem.of(mercutio, null, Set.of())), store().items(user));
  }

  @Test
  void removingAnAbsentContactIsHarmless() {
    store().remove(user, romeo);
    assertEquals(List.of(), store().items(user));
  }

  @Test
  void deletedUserHasNoItemsAndNoEarlierVersionComesBack() {
    String before = store().put(user, RosterItem.of(romeo, null, Set.of()));
    store().deleteUser(user);
    assertEquals(List.of(), store().items(user));
    String after = store().put(user, RosterItem.of(romeo, null, Set.of()));
    assertNotEquals(before, after);
  }

  @Test
  void rostersAreSeparatePerUser() {
    store().put(user, RosterItem.of(romeo, null, Set.of()));
    assertEquals(List.of(), store().items(mercutio));
  }
}
