package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.LastActivity;
import io.parley.spi.storage.LastActivityStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link LastActivityStore} contract, run against every implementation. */
abstract class LastActivityStoreContract {
  abstract LastActivityStore store();

  private final Jid user = Users.fresh();

  @Test
  void nothingRecordedIsEmpty() {
    assertEquals(Optional.empty(), store().get(user));
  }

  @Test
  void latestLogoutWinsToTheNanosecond() {
    store().put(user, new LastActivity(Instant.parse("2026-03-01T12:00:00.123456789Z"), "bye"));
    LastActivity later = new LastActivity(Instant.parse("2026-03-02T12:00:00.000000001Z"), null);
    store().put(user, later);
    assertEquals(Optional.of(later), store().get(user));
  }

  @Test
  void deleteUserForgetsIt() {
    store().put(user, new LastActivity(Instant.parse("2026-03-01T12:00:00Z"), "bye"));
    store().deleteUser(user);
    assertEquals(Optional.empty(), store().get(user));
  }

  @Test
  void manyLogoutsAtOnceReplaceEachUsersOwn() {
    Jid other = Jid.of("other-" + user.local() + "@example.com");
    store().put(user, new LastActivity(Instant.parse("2026-03-01T12:00:00Z"), "old"));
    LastActivity mine = new LastActivity(Instant.parse("2026-03-03T12:00:00Z"), "bye");
    LastActivity theirs = new LastActivity(Instant.parse("2026-03-04T12:00:00Z"), null);
    store().putAll(java.util.Map.of(user, mine, other, theirs));
    assertEquals(Optional.of(mine), store().get(user));
    assertEquals(Optional.of(theirs), store().get(other));
  }
}
