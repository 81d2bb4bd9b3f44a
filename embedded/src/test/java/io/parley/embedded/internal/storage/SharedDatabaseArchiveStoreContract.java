package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchivePreferences;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchivedMessage;
import io.parley.spi.storage.ArchiveStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ArchiveStore} query semantics on a database shared by all tests: each test uses fresh
 * users, so it runs against one long-lived H2 or PostgreSQL database. {@link ArchiveStoreContract}
 * (a fresh store per test) covers the rest for the in-memory store. The archive holds 10 entries: even ones with romeo (alternately
 * from /a and /b), odd ones with the nurse; entry i at second i; ids random, so archive order is
 * append order, not id order.
 */
abstract class SharedDatabaseArchiveStoreContract {
  abstract ArchiveStore store();

  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00.000001Z");
  private final Jid owner = Users.fresh();
  private final Jid romeo = Users.fresh();
  private final Jid nurse = Users.fresh();
  private final List<ArchivedMessage> entries = new ArrayList<>();

  @BeforeEach
  void fill() {
    for (int i = 0; i < 10; i++) {
      Jid with = i % 2 == 1 ? nurse : romeo.withResource(i % 4 == 0 ? "a" : "b");
      Message m = new Message(owner, with, "m" + i, Message.Type.CHAT, null,
          Message.chat(owner, "text " + i).children());
      ArchivedMessage e = new ArchivedMessage(UUID.randomUUID().toString(), T0.plusSeconds(i),
          with, m);
      store().append(owner, e);
      entries.add(e);
    }
  }

  private static ArchiveQuery query(Jid with, Instant start, Instant end, String afterId,
      String beforeId, List<String> ids, String pageAfter, String pageBefore, boolean last,
      int max) {
    return new ArchiveQuery(with, start, end, afterId, beforeId, ids, pageAfter, pageBefore, last,
        max);
  }

  private List<ArchivedMessage> entries(int... indexes) {
    List<ArchivedMessage> list = new ArrayList<>();
    for (int i : indexes) {
      list.add(entries.get(i));
    }
    return list;
  }

  private String id(int i) {
    return entries.get(i).id();
  }

  @Test
  void firstPageIsTheOldestEntriesExactlyAsAppended() {
    ArchivePage page = store().query(owner, ArchiveQuery.first(3));
    assertEquals(entries(0, 1, 2), page.messages());
    assertFalse(page.complete());
  }

  @Test
  void lastPageIsTheNewestOldestFirst() {
    ArchivePage page = store().query(owner, ArchiveQuery.newest(3));
    assertEquals(entries(7, 8, 9), page.messages());
    assertFalse(page.complete());
    assertTrue(store().query(owner, ArchiveQuery.newest(10)).complete());
  }

  @Test
  void pagingForwardAfterAnIdEndsComplete() {
    ArchivePage page = store().query(owner, query(null, null, null, null, null, null, id(6),
        null, false, 2));
    assertEquals(entries(7, 8), page.messages());
    assertFalse(page.complete());
    page = store().query(owner, query(null, null, null, null, null, null, id(8), null, false, 2));
    assertEquals(entries(9), page.messages());
    assertTrue(page.complete());
  }

  @Test
  void pagingBackwardBeforeAnIdEndsComplete() {
    ArchivePage page = store().query(owner, query(null, null, null, null, null, null, null,
        id(3), false, 2));
    assertEquals(entries(1, 2), page.messages());
    assertFalse(page.complete());
    page = store().query(owner, query(null, null, null, null, null, null, null, id(1), false, 2));
    assertEquals(entries(0), page.messages());
    assertTrue(page.complete());
  }

  @Test
  void bareWithMatchesEveryResourceAndFullWithOnlyThatOne() {
    assertEquals(entries(0, 2, 4, 6, 8), store().query(owner,
        query(romeo, null, null, null, null, null, null, null, false, 100)).messages());
    assertEquals(entries(0, 4, 8), store().query(owner, query(romeo.withResource("a"), null,
        null, null, null, null, null, null, false, 100)).messages());
    assertEquals(entries(7, 9), store().query(owner,
        query(nurse, null, null, null, null, null, null, null, true, 2)).messages());
  }

  @Test
  void startAndEndAreInclusive() {
    assertEquals(entries(3, 4, 5), store().query(owner, query(null, T0.plusSeconds(3),
        T0.plusSeconds(5), null, null, null, null, null, false, 100)).messages());
  }

  @Test
  void afterIdAndBeforeIdAreExclusiveBounds() {
    assertEquals(entries(3, 4), store().query(owner,
        query(null, null, null, id(2), id(5), null, null, null, false, 100)).messages());
  }

  @Test
  void idsSelectExactlyThoseEntriesInArchiveOrder() {
    assertEquals(entries(1, 5, 8), store().query(owner, query(null, null, null, null, null,
        List.of(id(8), id(1), id(5), "not-there"), null, null, false, 100)).messages());
  }

  @Test
  void filtersCombineWithPaging() {
    ArchivePage page = store().query(owner, query(romeo, T0.plusSeconds(1), null, null, null,
        null, id(2), null, false, 2));
    assertEquals(entries(4, 6), page.messages());
    assertFalse(page.complete());
  }

  @Test
  void unknownIdsFail() {
    for (ArchiveQuery q : List.of(
        query(null, null, null, "nope", null, null, null, null, false, 5),
        query(null, null, null, null, "nope", null, null, null, false, 5),
        query(null, null, null, null, null, null, "nope", null, false, 5),
        query(null, null, null, null, null, null, null, "nope", false, 5))) {
      assertThrows(NoSuchElementException.class, () -> store().query(owner, q));
    }
    // Another user's ids are not in this archive.
    Jid other = Users.fresh();
    assertThrows(NoSuchElementException.class, () -> store().query(other,
        query(null, null, null, null, null, null, id(1), null, false, 5)));
  }

  @Test
  void otherArchivesAreSeparateAndEmpty() {
    ArchivePage page = store().query(Users.fresh(), ArchiveQuery.first(5));
    assertEquals(List.of(), page.messages());
    assertTrue(page.complete());
  }

  @Test
  void deleteBeforeRemovesOlderEntriesOnly() {
    assertEquals(4, store().deleteBefore(owner, T0.plusSeconds(4)));
    assertEquals(entries(4, 5, 6, 7, 8, 9),
        store().query(owner, ArchiveQuery.first(100)).messages());
  }

  @Test
  void preferencesDefaultUntilSetAndComeBackEqual() {
    assertEquals(ArchivePreferences.DEFAULT, store().preferences(owner));
    ArchivePreferences prefs = new ArchivePreferences(ArchivePreferences.Default.ROSTER,
        Set.of(romeo), Set.of(nurse, Jid.of("example.net")));
    store().setPreferences(owner, prefs);
    assertEquals(prefs, store().preferences(owner));
    ArchivePreferences never = new ArchivePreferences(ArchivePreferences.Default.NEVER, Set.of(),
        Set.of());
    store().setPreferences(owner, never);
    assertEquals(never, store().preferences(owner));
  }

  @Test
  void deleteUserRemovesArchiveAndPreferences() {
    store().setPreferences(owner, new ArchivePreferences(ArchivePreferences.Default.NEVER,
        Set.of(), Set.of()));
    store().deleteUser(owner);
    assertEquals(List.of(), store().query(owner, ArchiveQuery.first(5)).messages());
    assertEquals(ArchivePreferences.DEFAULT, store().preferences(owner));
  }

  @Test
  void appendAllWritesEachArchiveInOrderAfterWhatItHeld() {
    Jid other = Users.fresh();
    List<ArchivedMessage> mine = new ArrayList<>();
    List<ArchivedMessage> theirs = new ArrayList<>();
    for (int i = 10; i < 13; i++) {
      mine.add(entry(owner, romeo, i));
      theirs.add(entry(other, nurse, i));
    }
    store().appendAll(java.util.Map.of(owner, mine, other, theirs));

    List<ArchivedMessage> all = new ArrayList<>(entries);
    all.addAll(mine);
    assertEquals(ids(all), ids(store().query(owner, ArchiveQuery.newest(20)).messages()));
    assertEquals(ids(theirs), ids(store().query(other, ArchiveQuery.newest(20)).messages()));
  }

  @Test
  void appendAllWithAnIdAlreadyThereWritesNothing() {
    Jid other = Users.fresh();
    ArchivedMessage fresh = entry(other, nurse, 20);
    ArchivedMessage duplicate = new ArchivedMessage(entries.get(0).id(), T0.plusSeconds(21),
        romeo, entries.get(0).message());
    assertThrows(IllegalArgumentException.class, () -> store().appendAll(
        new java.util.LinkedHashMap<>(java.util.Map.of(other, List.of(fresh), owner,
            List.of(duplicate)))));
    assertEquals(List.of(), store().query(other, ArchiveQuery.newest(20)).messages());
    assertEquals(ids(entries), ids(store().query(owner, ArchiveQuery.newest(20)).messages()));
  }

  private static ArchivedMessage entry(Jid owner, Jid with, int i) {
    return new ArchivedMessage(UUID.randomUUID().toString(), T0.plusSeconds(i), with,
        new Message(owner, with, "m" + i, Message.Type.CHAT, null,
            Message.chat(owner, "text " + i).children()));
  }

  private static List<String> ids(List<ArchivedMessage> list) {
    return list.stream().map(ArchivedMessage::id).toList();
  }
}
