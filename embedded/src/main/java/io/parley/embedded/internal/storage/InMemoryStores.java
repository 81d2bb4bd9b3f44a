package io.parley.embedded.internal.storage;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.internal.storage.memory.InMemoryBlockListStore;
import io.parley.embedded.internal.storage.memory.InMemoryLastActivityStore;
import io.parley.embedded.internal.storage.memory.InMemoryOfflineStore;
import io.parley.embedded.internal.storage.memory.InMemoryPubSubStore;
import io.parley.embedded.internal.storage.memory.InMemoryRoomStore;
import io.parley.embedded.internal.storage.memory.InMemoryRosterStore;
import io.parley.embedded.internal.storage.memory.InMemorySubscriptionRequestStore;
import io.parley.embedded.internal.storage.memory.InMemoryXmlStore;
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

/** Every store in memory, lost when the server stops ({@code Parley.Builder.inMemoryStorage()}). */
public final class InMemoryStores implements Stores {
  private final CredentialStore credentials = new InMemoryCredentialStore();
  private final RosterStore rosters = new InMemoryRosterStore();
  private final OfflineStore offline = new InMemoryOfflineStore();
  private final XmlStore xml = new InMemoryXmlStore();
  private final BlockListStore blockLists = new InMemoryBlockListStore();
  private final SubscriptionRequestStore subscriptionRequests =
      new InMemorySubscriptionRequestStore();
  private final LastActivityStore lastActivity = new InMemoryLastActivityStore();
  private final PubSubStore pubSub = new InMemoryPubSubStore();
  private final RoomStore rooms = new InMemoryRoomStore();

  @Override
  public CredentialStore credentials() {
    return credentials;
  }

  @Override
  public RosterStore rosters() {
    return rosters;
  }

  @Override
  public OfflineStore offline() {
    return offline;
  }

  @Override
  public XmlStore xml() {
    return xml;
  }

  @Override
  public BlockListStore blockLists() {
    return blockLists;
  }

  @Override
  public ArchiveStore archive() {
    return null;
  }

  @Override
  public SubscriptionRequestStore subscriptionRequests() {
    return subscriptionRequests;
  }

  @Override
  public LastActivityStore lastActivity() {
    return lastActivity;
  }

  @Override
  public PubSubStore pubSub() {
    return pubSub;
  }

  @Override
  public RoomStore rooms() {
    return rooms;
  }

  @Override
  public void close() {}
}
