package io.parley.embedded.internal.storage.memory;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.RosterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The default {@link RosterStore}: rosters in memory, lost on restart. Each user's roster changes
 * atomically with its version, a counter prefixed with a random epoch chosen per store: a client
 * that cached a version before a restart never matches a version issued after it (XEP-0237 §4).
 */
public final class InMemoryRosterStore implements RosterStore {
  private final String epoch =
      Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  private final ConcurrentHashMap<Jid, UserRoster> rosters = new ConcurrentHashMap<>();

  // Immutable per version: readers never see a half-applied change.
  private record UserRoster(long version, Map<Jid, RosterItem> items) {}

  @Override
  public List<RosterItem> items(Jid user) {
    UserRoster r = rosters.get(user);
    return r == null ? List.of() : List.copyOf(r.items().values());
  }

  @Override
  public Optional<RosterItem> item(Jid user, Jid contact) {
    UserRoster r = rosters.get(user);
    return r == null ? Optional.empty() : Optional.ofNullable(r.items().get(contact));
  }

  @Override
  public String put(Jid user, RosterItem item) {
    UserRoster r = rosters.compute(user, (u, current) -> {
      Map<Jid, RosterItem> items = current == null ? new HashMap<>() : new HashMap<>(current.items());
      items.put(item.jid(), item);
      return new UserRoster(current == null ? 1 : current.version() + 1, Map.copyOf(items));
    });
    return version(r.version());
  }

  @Override
  public String remove(Jid user, Jid contact) {
    UserRoster r = rosters.compute(user, (u, current) -> {
      Map<Jid, RosterItem> items = current == null ? new HashMap<>() : new HashMap<>(current.items());
      items.remove(contact);
      return new UserRoster(current == null ? 1 : current.version() + 1, Map.copyOf(items));
    });
    return version(r.version());
  }

  @Override
  public String version(Jid user) {
    UserRoster r = rosters.get(user);
    return version(r == null ? 0 : r.version());
  }

  @Override
  public void deleteUser(Jid user) {
    // Keeps the counter (a few bytes) so that a re-created account never reissues a version a
    // client of the deleted one may have cached.
    rosters.computeIfPresent(user, (u, current) -> new UserRoster(current.version() + 1, Map.of()));
  }

  private String version(long counter) {
    return epoch + "." + counter;
  }
}
