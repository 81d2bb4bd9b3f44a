package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Users' message archives (XEP-0313). Called from Parley's blocking executor; may block (unless
 * it is a {@link NonBlockingStore}, whose preferences Parley may read on a network thread); must
 * be thread-safe. Each archive is kept in the order entries were appended, which is the order every
 * query returns them in.
 */
public interface ArchiveStore {
  /**
   * Appends an entry to the owner's archive; durable when it returns.
   *
   * @param owner the archive's bare JID
   * @param entry an entry whose id is not yet in this archive
   */
  void append(Jid owner, ArchivedMessage entry);

  /**
   * Appends entries to several archives, each list in order; durable when it returns. Parley
   * gathers the messages routed while a write is under way into one call, so that a database
   * store commits them in one transaction. If it throws, none of them may have been written:
   * Parley then appends them one by one.
   */
  default void appendAll(Map<Jid, List<ArchivedMessage>> entries) {
    entries.forEach((owner, list) -> list.forEach(entry -> append(owner, entry)));
  }

  /**
   * One page of the entries matching the query's filters, oldest first.
   *
   * @throws NoSuchElementException if an id the query names (after-id, before-id or a paging id)
   *     is not in the owner's archive
   */
  ArchivePage query(Jid owner, ArchiveQuery query);

  /** Removes the owner's entries with a timestamp before {@code cutoff}; returns how many. */
  int deleteBefore(Jid owner, Instant cutoff);

  /** The owner's archiving preferences, or {@link ArchivePreferences#DEFAULT} if none are set. */
  ArchivePreferences preferences(Jid owner);

  void setPreferences(Jid owner, ArchivePreferences preferences);

  /** Removes the owner's archive and preferences (the account is being deleted). */
  void deleteUser(Jid owner);
}
