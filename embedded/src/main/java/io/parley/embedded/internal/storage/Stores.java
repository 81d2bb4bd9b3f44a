package io.parley.embedded.internal.storage;

import io.parley.spi.auth.CredentialStore;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.BlockListStore;
import io.parley.spi.storage.LastActivityStore;
import io.parley.spi.storage.OfflineStore;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.RoomStore;
import io.parley.spi.storage.RosterStore;
import io.parley.spi.storage.SubscriptionRequestStore;
import io.parley.spi.storage.XmlStore;

/**
 * The default store for every concern, used where the host did not set its own: all in one
 * database ({@link io.parley.embedded.internal.storage.jdbc.JdbcStorage}), or all in memory
 * ({@link InMemoryStores}). Closed by {@code Parley.close()}.
 */
public interface Stores extends AutoCloseable {
  CredentialStore credentials();

  RosterStore rosters();

  OfflineStore offline();

  XmlStore xml();

  BlockListStore blockLists();

  /** The archive store, or null where the MAM feature supplies its own in-memory default. */
  ArchiveStore archive();

  SubscriptionRequestStore subscriptionRequests();

  LastActivityStore lastActivity();

  PubSubStore pubSub();

  RoomStore rooms();

  @Override
  void close();
}
