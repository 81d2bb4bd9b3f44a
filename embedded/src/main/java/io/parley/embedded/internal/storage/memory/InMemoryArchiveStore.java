package io.parley.embedded.internal.storage.memory;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchivePreferences;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import io.parley.spi.storage.NonBlockingStore;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The default {@link ArchiveStore}: per-user archives in memory, lost when the process ends.
 *
 * <p>Each archive is a list in append order, every entry numbered by a per-archive sequence. A
 * query that names an id finds that entry by a scan from the newest (comparing hashes kept in
 * the entries first); its time bounds by binary search; then it walks only from there, so a page
 * costs its size plus the entries the filters skip. No index from id: a hash map entry per
 * archived message cost more than the rest of the entry, and kept every append waiting on cache
 * misses (about 5 % of the server's CPU in the chat load benchmark), while queries are rare.
 * Each archive is guarded by its own lock.
 *
 * <p>Optionally bounded: beyond a number of entries per user, each append removes the oldest
 * entry, so that a server left running with the default store cannot grow without end.
 */
public final class InMemoryArchiveStore implements ArchiveStore, NonBlockingStore {
  private final ConcurrentHashMap<Jid, Archive> archives = new ConcurrentHashMap<>();
  private final int maxEntriesPerUser;

  /** An unbounded store. */
  public InMemoryArchiveStore() {
    this(Integer.MAX_VALUE);
  }

  /** A store that keeps at most the newest {@code maxEntriesPerUser} entries of each user. */
  public InMemoryArchiveStore(int maxEntriesPerUser) {
    if (maxEntriesPerUser <= 0) {
      throw new IllegalArgumentException("maxEntriesPerUser must be positive");
    }
    this.maxEntriesPerUser = maxEntriesPerUser;
  }
  private final ConcurrentHashMap<Jid, ArchivePreferences> preferences = new ConcurrentHashMap<>();

  @Override
  public void append(Jid owner, ArchivedMessage entry) {
    Archive archive = archives.computeIfAbsent(owner.asBare(), o -> new Archive());
    synchronized (archive) {
      // The id's uniqueness is the caller's promise (the SPI's contract): not checked here.
      archive.entries.add(new Entry(archive.nextSeq++, entry.id().hashCode(), entry));
      if (archive.entries.size() > maxEntriesPerUser) {
        archive.entries.removeFirst();
      }
    }
  }

  @Override
  public ArchivePage query(Jid owner, ArchiveQuery query) {
    Archive archive = archives.get(owner.asBare());
    if (archive == null) {
      archive = new Archive(); // empty: every named id is unknown
    }
    synchronized (archive) {
      return archive.query(query);
    }
  }

  @Override
  public int deleteBefore(Jid owner, Instant cutoff) {
    Archive archive = archives.get(owner.asBare());
    if (archive == null) {
      return 0;
    }
    synchronized (archive) {
      int before = archive.entries.size();
      archive.entries.removeIf(e -> e.message.timestamp().isBefore(cutoff));
      return before - archive.entries.size();
    }
  }

  @Override
  public ArchivePreferences preferences(Jid owner) {
    return preferences.getOrDefault(owner.asBare(), ArchivePreferences.DEFAULT);
  }

  @Override
  public void setPreferences(Jid owner, ArchivePreferences prefs) {
    preferences.put(owner.asBare(), prefs);
  }

  @Override
  public void deleteUser(Jid owner) {
    archives.remove(owner.asBare());
    preferences.remove(owner.asBare());
  }

  private record Entry(long seq, int idHash, ArchivedMessage message) {}

  /**
   * Entries oldest first in a growable circular array: a bounded archive drops its oldest entry
   * on every append, which an array list pays for by shifting every other entry.
   */
  private static final class EntryRing {
    private Entry[] ring = new Entry[8];
    private int head;
    private int size;

    int size() {
      return size;
    }

    Entry get(int i) {
      return ring[slot(i)];
    }

    // The array index of the i-th entry (the length is a power of two).
    private int slot(int i) {
      return (head + i) & (ring.length - 1);
    }

    void add(Entry e) {
      if (size == ring.length) {
        Entry[] bigger = new Entry[ring.length * 2];
        for (int i = 0; i < size; i++) {
          bigger[i] = get(i);
        }
        ring = bigger;
        head = 0;
      }
      ring[slot(size)] = e;
      size++;
    }

    Entry removeFirst() {
      Entry e = ring[head];
      ring[head] = null;
      head = slot(1);
      size--;
      return e;
    }

    /** Removes the entries the filter accepts, keeping the others in order. */
    void removeIf(Predicate<Entry> filter) {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        Entry e = get(i);
        if (!filter.test(e)) {
          ring[slot(kept)] = e;
          kept++;
        }
      }
      for (int i = kept; i < size; i++) {
        ring[slot(i)] = null;
      }
      size = kept;
    }
  }

  private static final class Archive {
    // Sorted by seq: appends only ever add at the end, deletions keep the order.
    final EntryRing entries = new EntryRing();
    long nextSeq;

    ArchivePage query(ArchiveQuery q) {
      long low = Long.MIN_VALUE; // exclusive bounds by sequence
      long high = Long.MAX_VALUE;
      if (q.afterId() != null) {
        low = Math.max(low, seqOf(q.afterId()));
      }
      if (q.beforeId() != null) {
        high = Math.min(high, seqOf(q.beforeId()));
      }
      boolean backwards = false;
      if (q.pageAfter() != null) {
        low = Math.max(low, seqOf(q.pageAfter()));
      } else if (q.pageBefore() != null) {
        high = Math.min(high, seqOf(q.pageBefore()));
        backwards = true;
      } else if (q.lastPage()) {
        backwards = true;
      }
      Set<String> ids = q.ids().isEmpty() ? null : new HashSet<>(q.ids());
      if (!backwards) {
        List<ArchivedMessage> page = new ArrayList<>();
        for (int i = indexAbove(low); i < entries.size(); i++) {
          Entry e = entries.get(i);
          if (e.seq >= high) {
            break;
          }
          if (matches(e.message, q, ids)) {
            if (page.size() == q.max()) {
              return new ArchivePage(page, false);
            }
            page.add(e.message);
          }
        }
        return new ArchivePage(page, true);
      }
      Deque<ArchivedMessage> page = new ArrayDeque<>();
      for (int i = indexAbove(high - 1) - 1; i >= 0; i--) {
        Entry e = entries.get(i);
        if (e.seq <= low) {
          break;
        }
        if (matches(e.message, q, ids)) {
          if (page.size() == q.max()) {
            return new ArchivePage(List.copyOf(page), false);
          }
          page.addFirst(e.message);
        }
      }
      return new ArchivePage(List.copyOf(page), true);
    }

    private long seqOf(String id) {
      int hash = id.hashCode();
      for (int i = entries.size() - 1; i >= 0; i--) {
        Entry e = entries.get(i);
        if (e.idHash == hash && e.message.id().equals(id)) {
          return e.seq;
        }
      }
      throw new NoSuchElementException("no entry " + id + " in the archive");
    }

    // The index of the first entry whose seq is greater than the given one.
    private int indexAbove(long seq) {
      if (seq == Long.MIN_VALUE) {
        return 0;
      }
      int low = 0;
      int high = entries.size() - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        long s = entries.get(mid).seq;
        if (s <= seq) {
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      return low;
    }

    private static boolean matches(ArchivedMessage m, ArchiveQuery q, Set<String> ids) {
      if (ids != null && !ids.contains(m.id())) {
        return false;
      }
      if (q.start() != null && m.timestamp().isBefore(q.start())) {
        return false;
      }
      if (q.end() != null && m.timestamp().isAfter(q.end())) {
        return false;
      }
      if (q.with() != null) {
        Jid with = q.with();
        return with.isFull() ? with.equals(m.with()) : with.equals(m.with().asBare());
      }
      return true;
    }
  }
}
