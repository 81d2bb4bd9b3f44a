package io.parley.embedded.internal.feature.muc;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchivePreferences;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.HashMap;
import java.util.Map;

/**
 * Room archives in memory (the {@link ArchiveStore} contract, owner = the room's bare JID), each
 * capped at the newest {@code limit} entries. COMPAT: stands in until the MAM feature's shared
 * in-memory store is merged; the integrator may bind that one instead.
 */
final class InMemoryRoomArchive implements ArchiveStore {
  private final Map<Jid, List<ArchivedMessage>> archives = new HashMap<>();
  private final int limit;

  InMemoryRoomArchive(int limit) {
    this.limit = limit;
  }

  @Override
  public synchronized void append(Jid owner, ArchivedMessage entry) {
    List<ArchivedMessage> l = archives.computeIfAbsent(owner.asBare(), o -> new ArrayList<>());
    l.add(entry);
    if (l.size() > limit) {
      l.remove(0);
    }
  }

  @Override
  public synchronized ArchivePage query(Jid owner, ArchiveQuery q) {
    List<ArchivedMessage> all = archives.getOrDefault(owner.asBare(), List.of());
    int from = 0;
    int to = all.size();
    if (q.afterId() != null) {
      from = index(all, q.afterId()) + 1;
    }
    if (q.beforeId() != null) {
      to = Math.min(to, index(all, q.beforeId()));
    }
    List<ArchivedMessage> matching = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ArchivedMessage m = all.get(i);
      if (matches(m, q)) {
        matching.add(m);
      }
    }
    if (q.pageAfter() != null) {
      int i = indexIn(matching, all, q.pageAfter());
      List<ArchivedMessage> rest = matching.subList(i, matching.size());
      return new ArchivePage(rest.subList(0, Math.min(q.max(), rest.size())),
          rest.size() <= q.max());
    }
    if (q.pageBefore() != null || q.lastPage()) {
      int end = q.pageBefore() == null ? matching.size()
          : countBefore(matching, all, q.pageBefore());
      int start = Math.max(0, end - q.max());
      return new ArchivePage(matching.subList(start, end), start == 0);
    }
    return new ArchivePage(matching.subList(0, Math.min(q.max(), matching.size())),
        matching.size() <= q.max());
  }

  private static boolean matches(ArchivedMessage m, ArchiveQuery q) {
    if (q.with() != null && !(q.with().isBare() ? q.with().equals(m.with().asBare())
        : q.with().equals(m.with()))) {
      return false;
    }
    Instant t = m.timestamp();
    if (q.start() != null && t.isBefore(q.start()) || q.end() != null && t.isAfter(q.end())) {
      return false;
    }
    return q.ids().isEmpty() || q.ids().contains(m.id());
  }

  private static int index(List<ArchivedMessage> all, String id) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new NoSuchElementException(id);
  }

  // The position in 'matching' just after the entry with this id (by archive order).
  private static int indexIn(List<ArchivedMessage> matching, List<ArchivedMessage> all,
      String id) {
    int position = index(all, id);
    int i = 0;
    while (i < matching.size() && index(all, matching.get(i).id()) <= position) {
      i++;
    }
    return i;
  }

  private static int countBefore(List<ArchivedMessage> matching, List<ArchivedMessage> all,
      String id) {
    int position = index(all, id);
    int i = 0;
    while (i < matching.size() && index(all, matching.get(i).id()) < position) {
      i++;
    }
    return i;
  }

  @Override
  public synchronized int deleteBefore(Jid owner, Instant cutoff) {
    List<ArchivedMessage> list = archives.get(owner.asBare());
    if (list == null) {
      return 0;
    }
    int before = list.size();
    list.removeIf(m -> m.timestamp().isBefore(cutoff));
    return before - list.size();
  }

  @Override
  public ArchivePreferences preferences(Jid owner) {
    return ArchivePreferences.DEFAULT;
  }

  @Override
  public void setPreferences(Jid owner, ArchivePreferences preferences) {
    // rooms have no archiving preferences
  }

  @Override
  public synchronized void deleteUser(Jid owner) {
    archives.remove(owner.asBare());
  }
}
