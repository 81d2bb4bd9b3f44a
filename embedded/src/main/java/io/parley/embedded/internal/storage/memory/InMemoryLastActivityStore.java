package io.parley.embedded.internal.storage.memory;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.LastActivity;
import io.parley.spi.storage.LastActivityStore;
import io.parley.spi.storage.NonBlockingStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Last logouts in memory, lost when the process ends. Thread-safe; never blocks, so a logout is
 * written on the event loop.
 */
public final class InMemoryLastActivityStore implements LastActivityStore, NonBlockingStore {
  private final ConcurrentHashMap<Jid, LastActivity> byUser = new ConcurrentHashMap<>();

  @Override
  public Optional<LastActivity> get(Jid user) {
    return Optional.ofNullable(byUser.get(user.asBare()));
  }

  @Override
  public void put(Jid user, LastActivity activity) {
    byUser.put(user.asBare(), activity);
  }

  @Override
  public void deleteUser(Jid user) {
    byUser.remove(user.asBare());
  }
}
