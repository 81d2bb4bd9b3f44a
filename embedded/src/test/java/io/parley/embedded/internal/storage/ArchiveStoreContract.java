package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchivePreferences;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ArchiveStore} contract (its Javadoc and {@link ArchiveQuery}'s), for every
 * implementation: extend it and return a new, empty store. Uses only the SPI.
 */
public abstract class ArchiveStoreContract {
  protected static final Jid JULIET = Jid.of("juliet@example.test");
  protected static final Jid ROMEO = Jid.of("romeo@example.test");
  protected static final Jid ROMEO_ORCHARD = Jid.of("romeo@example.test/orchard");
  protected static final Jid ROMEO_GARDEN = Jid.of("romeo@example.test/garden");
  protected static final Jid NURSE = Jid.of("nurse@example.test");
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private ArchiveStore store;

  /** A new, empty store. */
  protected abstract ArchiveStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  protected static ArchivedMessage entry(String id, int secondsAfterT0, Jid with) {
    Message m = new Message(JULIET, with, "m-" + id, Message.Type.CHAT, null, List.of(
        Element.builder("body", Stanza.CLIENT_NAMESPACE).text("body " + id).build()));
    return new ArchivedMessage(id, T0.plusSeconds(secondsAfterT0), with, m);
  }

  /** Appends n entries e0..e(n-1), one second apart, alternating romeo's two resources. */
  private List<ArchivedMessage> appendMany(Jid owner, int n) {
    List<ArchivedMessage> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ArchivedMessage e = entry("e" + i, i, i % 2 == 0 ? ROMEO_ORCHARD : ROMEO_GARDEN);
      store.append(owner, e);
      all.add(e);
    }
    return all;
  }

  private static ArchiveQuery query(Jid with, Instant start, Instant end, String afterId,
      String beforeId, List<String> ids, int max) {
    return new ArchiveQuery(with, start, end, afterId, beforeId, ids, null, null, false, max);
  }

  private static ArchiveQuery after(String pageAfter, int max) {
    return new ArchiveQuery(null, null, null, null, null, List.of(), pageAfter, null, false, max);
  }

  private static ArchiveQuery before(String pageBefore, int max) {
    return new ArchiveQuery(null, null, null, null, null, List.of(), null, pageBefore, false, max);
  }

  private static List<String> ids(ArchivePage page) {
    return page.messages().stream().map(ArchivedMessage::id).toList();
  }

  @Test
  void emptyArchiveHasACompleteEmptyPage() {
    ArchivePage page = store.query(JULIET, ArchiveQuery.first(10));
    assertEquals(List.of(), page.messages());
    assertTrue(page.complete());
    ArchivePage last = store.query(JULIET, ArchiveQuery.newest(10));
    assertEquals(List.of(), last.messages());
    assertTrue(last.complete());
  }

  @Test
  void entriesComeBackAsAppendedInAppendOrder() {
    List<ArchivedMessage> all = appendMany(JULIET, 5);
    ArchivePage page = store.query(JULIET, ArchiveQuery.first(10));
    assertEquals(all, page.messages());
    assertTrue(page.complete());
  }

  @Test
  void appendOrderWinsOverTimestampOrder() {
    store.append(JULIET, entry("late", 100, ROMEO));
    store.append(JULIET, entry("early", 1, ROMEO));
    assertEquals(List.of("late", "early"), ids(store.query(JULIET, ArchiveQuery.first(10))));
  }

  @Test
  void archivesAreSeparatePerOwner() {
    store.append(JULIET, entry("a", 0, ROMEO));
    store.append(NURSE, entry("b", 0, ROMEO));
    assertEquals(List.of("a"), ids(store.query(JULIET, ArchiveQuery.first(10))));
    assertEquals(List.of("b"), ids(store.query(NURSE, ArchiveQuery.first(10))));
    // The same id in another archive is another entry.
    store.append(NURSE, entry("a", 1, ROMEO));
    assertEquals(List.of("b", "a"), ids(store.query(NURSE, ArchiveQuery.first(10))));
    assertEquals(List.of("a"), ids(store.query(JULIET, ArchiveQuery.first(10))));
  }

  @Test
  void firstPageIsIncompleteWhenMoreFollow() {
    appendMany(JULIET, 5);
    ArchivePage page = store.query(JULIET, ArchiveQuery.first(3));
    assertEquals(List.of("e0", "e1", "e2"), ids(page));
    assertFalse(page.complete());
    ArchivePage exact = store.query(JULIET, ArchiveQuery.first(5));
    assertEquals(5, exact.messages().size());
    assertTrue(exact.complete());
  }

  @Test
  void pagingAfterAnIdContinuesForwards() {
    appendMany(JULIET, 5);
    ArchivePage second = store.query(JULIET, after("e2", 3));
    assertEquals(List.of("e3", "e4"), ids(second));
    assertTrue(second.complete());
    ArchivePage middle = store.query(JULIET, after("e0", 2));
    assertEquals(List.of("e1", "e2"), ids(middle));
    assertFalse(middle.complete());
    ArchivePage end = store.query(JULIET, after("e4", 2));
    assertEquals(List.of(), end.messages());
    assertTrue(end.complete());
  }

  @Test
  void lastPageIsTheNewestOldestFirst() {
    appendMany(JULIET, 5);
    ArchivePage page = store.query(JULIET, ArchiveQuery.newest(2));
    assertEquals(List.of("e3", "e4"), ids(page));
    assertFalse(page.complete());
    ArchivePage all = store.query(JULIET, ArchiveQuery.newest(5));
    assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), ids(all));
    assertTrue(all.complete());
  }

  @Test
  void pagingBeforeAnIdGoesBackwards() {
    appendMany(JULIET, 5);
    ArchivePage page = store.query(JULIET, before("e3", 2));
    assertEquals(List.of("e1", "e2"), ids(page));
    assertFalse(page.complete());
    ArchivePage first = store.query(JULIET, before("e1", 2));
    assertEquals(List.of("e0"), ids(first));
    assertTrue(first.complete());
    ArchivePage none = store.query(JULIET, before("e0", 2));
    assertEquals(List.of(), none.messages());
    assertTrue(none.complete());
  }

  @Test
  void maxZeroReturnsNoEntriesAndSaysWhetherAnyMatch() {
    appendMany(JULIET, 3);
    ArchivePage some = store.query(JULIET, ArchiveQuery.first(0));
    assertEquals(List.of(), some.messages());
    assertFalse(some.complete());
    ArchivePage none = store.query(JULIET, query(NURSE, null, null, null, null, null, 0));
    assertEquals(List.of(), none.messages());
    assertTrue(none.complete());
  }

  @Test
  void pagingForwardsOverThousandsReturnsEachEntryOnceInOrder() {
    List<ArchivedMessage> all = appendMany(JULIET, 3000);
    List<ArchivedMessage> seen = new ArrayList<>();
    ArchivePage page = store.query(JULIET, ArchiveQuery.first(97));
    seen.addAll(page.messages());
    while (!page.complete()) {
      page = store.query(JULIET, after(seen.get(seen.size() - 1).id(), 97));
      seen.addAll(page.messages());
    }
    assertEquals(all, seen);
  }

  @Test
  void pagingBackwardsOverThousandsReturnsEachEntryOnceInOrder() {
    List<ArchivedMessage> all = appendMany(JULIET, 3000);
    List<ArchivedMessage> seen = new ArrayList<>();
    ArchivePage page = store.query(JULIET, ArchiveQuery.newest(101));
    seen.addAll(0, page.messages());
    while (!page.complete()) {
      page = store.query(JULIET, before(seen.get(0).id(), 101));
      seen.addAll(0, page.messages());
    }
    assertEquals(all, seen);
  }

  @Test
  void pagingWithAFilterCountsOnlyMatchingEntries() {
    List<ArchivedMessage> all = appendMany(JULIET, 1000);
    List<ArchivedMessage> orchard = all.stream()
        .filter(e -> e.with().equals(ROMEO_ORCHARD)).toList();
    List<ArchivedMessage> seen = new ArrayList<>();
    ArchivePage page = store.query(JULIET,
        query(ROMEO_ORCHARD, null, null, null, null, null, 30));
    seen.addAll(page.messages());
    while (!page.complete()) {
      page = store.query(JULIET, new ArchiveQuery(ROMEO_ORCHARD, null, null, null, null,
          List.of(), seen.get(seen.size() - 1).id(), null, false, 30));
      seen.addAll(page.messages());
    }
    assertEquals(orchard, seen);
    // Backwards, from the last page.
    List<ArchivedMessage> back = new ArrayList<>();
    page = store.query(JULIET, new ArchiveQuery(ROMEO_ORCHARD, null, null, null, null,
        List.of(), null, null, true, 30));
    back.addAll(0, page.messages());
    while (!page.complete()) {
      page = store.query(JULIET, new ArchiveQuery(ROMEO_ORCHARD, null, null, null, null,
          List.of(), null, back.get(0).id(), false, 30));
      back.addAll(0, page.messages());
    }
    assertEquals(orchard, back);
  }

  @Test
  void completeIgnoresEntriesTheFiltersExclude() {
    store.append(JULIET, entry("a", 0, NURSE));
    store.append(JULIET, entry("b", 1, ROMEO));
    store.append(JULIET, entry("c", 2, NURSE));
    store.append(JULIET, entry("d", 3, NURSE));
    ArchivePage page = store.query(JULIET, query(ROMEO, null, null, null, null, null, 1));
    assertEquals(List.of("b"), ids(page));
    assertTrue(page.complete());
  }

  @Test
  void bareWithMatchesEveryResourceAndTheBareJid() {
    store.append(JULIET, entry("orchard", 0, ROMEO_ORCHARD));
    store.append(JULIET, entry("nurse", 1, NURSE));
    store.append(JULIET, entry("bare", 2, ROMEO));
    store.append(JULIET, entry("garden", 3, ROMEO_GARDEN));
    assertEquals(List.of("orchard", "bare", "garden"),
        ids(store.query(JULIET, query(ROMEO, null, null, null, null, null, 10))));
  }

  @Test
  void fullWithMatchesExactlyThatResource() {
    store.append(JULIET, entry("orchard", 0, ROMEO_ORCHARD));
    store.append(JULIET, entry("bare", 1, ROMEO));
    store.append(JULIET, entry("garden", 2, ROMEO_GARDEN));
    assertEquals(List.of("garden"),
        ids(store.query(JULIET, query(ROMEO_GARDEN, null, null, null, null, null, 10))));
    assertEquals(List.of(), ids(store.query(JULIET,
        query(Jid.of("romeo@example.test/balcony"), null, null, null, null, null, 10))));
  }

  @Test
  void startAndEndAreInclusive() {
    appendMany(JULIET, 10); // e_i at T0 + i s
    assertEquals(List.of("e3", "e4", "e5"), ids(store.query(JULIET,
        query(null, T0.plusSeconds(3), T0.plusSeconds(5), null, null, null, 10))));
    assertEquals(List.of("e8", "e9"), ids(store.query(JULIET,
        query(null, T0.plusSeconds(8), null, null, null, null, 10))));
    assertEquals(List.of("e0", "e1"), ids(store.query(JULIET,
        query(null, null, T0.plusSeconds(1), null, null, null, 10))));
    assertEquals(List.of("e4"), ids(store.query(JULIET,
        query(null, T0.plusSeconds(4), T0.plusSeconds(4), null, null, null, 10))));
    // Between two entries, and start after end: nothing.
    assertEquals(List.of(), ids(store.query(JULIET,
        query(null, T0.plusMillis(4001), T0.plusMillis(4999), null, null, null, 10))));
    assertEquals(List.of(), ids(store.query(JULIET,
        query(null, T0.plusSeconds(5), T0.plusSeconds(4), null, null, null, 10))));
  }

  @Test
  void timestampsKeepMillisecondPrecision() {
    ArchivedMessage e = new ArchivedMessage("x", T0.plusMillis(1234), ROMEO,
        entry("x", 0, ROMEO).message());
    store.append(JULIET, e);
    assertEquals(List.of(e), store.query(JULIET,
        query(null, T0.plusMillis(1234), T0.plusMillis(1234), null, null, null, 10)).messages());
  }

  @Test
  void afterIdAndBeforeIdAreExclusiveBounds() {
    appendMany(JULIET, 10);
    assertEquals(List.of("e7", "e8", "e9"), ids(store.query(JULIET,
        query(null, null, null, "e6", null, null, 10))));
    assertEquals(List.of("e0", "e1"), ids(store.query(JULIET,
        query(null, null, null, null, "e2", null, 10))));
    assertEquals(List.of("e3", "e4", "e5"), ids(store.query(JULIET,
        query(null, null, null, "e2", "e6", null, 10))));
    assertEquals(List.of(), ids(store.query(JULIET,
        query(null, null, null, "e6", "e2", null, 10))));
  }

  @Test
  void idBoundsCombineWithPaging() {
    appendMany(JULIET, 10);
    // after-id e1, before-id e8: e2..e7. First page of 2, then after e3, then the last page.
    ArchivePage first = store.query(JULIET, query(null, null, null, "e1", "e8", null, 2));
    assertEquals(List.of("e2", "e3"), ids(first));
    assertFalse(first.complete());
    ArchivePage next = store.query(JULIET, new ArchiveQuery(null, null, null, "e1", "e8",
        List.of(), "e3", null, false, 2));
    assertEquals(List.of("e4", "e5"), ids(next));
    assertFalse(next.complete());
    ArchivePage last = store.query(JULIET, new ArchiveQuery(null, null, null, "e1", "e8",
        List.of(), null, null, true, 2));
    assertEquals(List.of("e6", "e7"), ids(last));
    assertFalse(last.complete());
    ArchivePage beforeLast = store.query(JULIET, new ArchiveQuery(null, null, null, "e1", "e8",
        List.of(), null, "e4", false, 5));
    assertEquals(List.of("e2", "e3"), ids(beforeLast));
    assertTrue(beforeLast.complete());
  }

  @Test
  void idsSelectExactlyThoseEntriesInArchiveOrder() {
    appendMany(JULIET, 10);
    assertEquals(List.of("e2", "e5", "e7"), ids(store.query(JULIET,
        query(null, null, null, null, null, List.of("e7", "e2", "e5"), 10))));
    assertEquals(List.of("e4"), ids(store.query(JULIET,
        query(null, null, null, null, null, List.of("e4"), 10))));
    // Other filters still apply.
    assertEquals(List.of("e2"), ids(store.query(JULIET,
        query(ROMEO_ORCHARD, null, null, null, null, List.of("e2", "e5"), 10))));
    // And paging.
    ArchivePage page = store.query(JULIET,
        query(null, null, null, null, null, List.of("e1", "e2", "e3"), 2));
    assertEquals(List.of("e1", "e2"), ids(page));
    assertFalse(page.complete());
  }

  @Test
  void unknownIdInIdsMatchesNothing() {
    appendMany(JULIET, 3);
    assertEquals(List.of("e1"), ids(store.query(JULIET,
        query(null, null, null, null, null, List.of("e1", "nope"), 10))));
  }

  @Test
  void unknownIdsAreNoSuchElement() {
    appendMany(JULIET, 3);
    assertThrows(NoSuchElementException.class,
        () -> store.query(JULIET, query(null, null, null, "nope", null, null, 10)));
    assertThrows(NoSuchElementException.class,
        () -> store.query(JULIET, query(null, null, null, null, "nope", null, 10)));
    assertThrows(NoSuchElementException.class, () -> store.query(JULIET, after("nope", 10)));
    assertThrows(NoSuchElementException.class, () -> store.query(JULIET, before("nope", 10)));
    // An id of another archive is unknown in this one, and so is any id in an empty archive.
    store.append(NURSE, entry("n0", 0, ROMEO));
    assertThrows(NoSuchElementException.class, () -> store.query(JULIET, after("n0", 10)));
    assertThrows(NoSuchElementException.class,
        () -> store.query(ROMEO, query(null, null, null, "e1", null, null, 10)));
  }

  @Test
  void deleteBeforeRemovesOlderEntriesOnly() {
    appendMany(JULIET, 10);
    store.append(NURSE, entry("n0", 0, ROMEO));
    assertEquals(4, store.deleteBefore(JULIET, T0.plusSeconds(4)));
    assertEquals(List.of("e4", "e5", "e6", "e7", "e8", "e9"),
        ids(store.query(JULIET, ArchiveQuery.first(20))));
    // Deleted ids are unknown now; kept ones still page.
    assertThrows(NoSuchElementException.class, () -> store.query(JULIET, after("e2", 10)));
    assertEquals(List.of("e5", "e6"), ids(store.query(JULIET, after("e4", 2))));
    assertEquals(List.of("e4"), ids(store.query(JULIET, before("e5", 5))));
    assertEquals(0, store.deleteBefore(JULIET, T0.plusSeconds(4)));
    assertEquals(0, store.deleteBefore(ROMEO, T0.plusSeconds(100)));
    // Other archives are untouched.
    assertEquals(List.of("n0"), ids(store.query(NURSE, ArchiveQuery.first(5))));
    // Appending after a deletion continues the archive.
    store.append(JULIET, entry("new", 20, ROMEO));
    assertEquals(List.of("e9", "new"), ids(store.query(JULIET, after("e8", 5))));
  }

  @Test
  void deleteBeforeGoesByTimestampNotPosition() {
    store.append(JULIET, entry("late", 100, ROMEO));
    store.append(JULIET, entry("early", 1, ROMEO));
    store.append(JULIET, entry("mid", 50, ROMEO));
    assertEquals(1, store.deleteBefore(JULIET, T0.plusSeconds(50)));
    assertEquals(List.of("late", "mid"), ids(store.query(JULIET, ArchiveQuery.first(5))));
  }

  @Test
  void preferencesDefaultToAlwaysAndAreKeptPerUser() {
    assertEquals(ArchivePreferences.DEFAULT, store.preferences(JULIET));
    ArchivePreferences prefs = new ArchivePreferences(ArchivePreferences.Default.ROSTER,
        Set.of(ROMEO, Jid.of("friar@example.test/cell")), Set.of(NURSE));
    store.setPreferences(JULIET, prefs);
    assertEquals(prefs, store.preferences(JULIET));
    assertEquals(ArchivePreferences.DEFAULT, store.preferences(ROMEO));
    ArchivePreferences never = new ArchivePreferences(ArchivePreferences.Default.NEVER,
        Set.of(), Set.of());
    store.setPreferences(JULIET, never);
    assertEquals(never, store.preferences(JULIET));
  }

  @Test
  void deleteUserDropsArchiveAndPreferences() {
    appendMany(JULIET, 3);
    store.append(NURSE, entry("n0", 0, ROMEO));
    store.setPreferences(JULIET, new ArchivePreferences(ArchivePreferences.Default.NEVER,
        Set.of(), Set.of()));
    store.deleteUser(JULIET);
    ArchivePage page = store.query(JULIET, ArchiveQuery.first(10));
    assertEquals(List.of(), page.messages());
    assertTrue(page.complete());
    assertEquals(ArchivePreferences.DEFAULT, store.preferences(JULIET));
    assertEquals(List.of("n0"), ids(store.query(NURSE, ArchiveQuery.first(10))));
    // The account may come back: a new archive starts empty and works.
    store.append(JULIET, entry("again", 5, ROMEO));
    assertEquals(List.of("again"), ids(store.query(JULIET, ArchiveQuery.first(10))));
  }

  @Test
  void concurrentAppendsToOneArchiveAreAllKept() throws Exception {
    int threads = 4;
    int each = 250;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int n = t;
      workers.add(new Thread(() -> {
        for (int i = 0; i < each; i++) {
          store.append(JULIET, entry("t" + n + "-" + i, i, ROMEO));
        }
      }));
    }
    workers.forEach(Thread::start);
    for (Thread w : workers) {
      w.join();
    }
    List<String> all = ids(store.query(JULIET, ArchiveQuery.first(threads * each + 1)));
    assertEquals(threads * each, all.size());
    assertEquals(threads * each, new HashSet<>(all).size());
    // Each writer's entries keep that writer's order.
    for (int t = 0; t < threads; t++) {
      String prefix = "t" + t + "-";
      List<String> mine = all.stream().filter(id -> id.startsWith(prefix)).toList();
      for (int i = 0; i < each; i++) {
        assertEquals(prefix + i, mine.get(i));
      }
    }
  }
}
