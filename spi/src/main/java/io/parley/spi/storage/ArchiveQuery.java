package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.time.Instant;
import java.util.List;

/**
 * Filters (XEP-0313 §4.1) and one page (XEP-0059) of an archive query. Null means "not given".
 *
 * <p>Filters: {@code with} matches entries whose party has that bare JID when it is bare, and
 * exactly that full JID when it is full; {@code start}/{@code end} are inclusive timestamps;
 * {@code afterId}/{@code beforeId} are exclusive bounds by archive order; a non-empty {@code ids}
 * selects exactly those entries, in archive order (an id not in the archive selects nothing: the
 * caller checks that ids exist, XEP-0313 §4.1.3).
 *
 * <p>Paging: with {@code pageAfter}, the first {@code max} matching entries after that id; with
 * {@code pageBefore}, the last {@code max} before it; with {@code lastPage}, the last {@code max}
 * of all; otherwise the first {@code max}. Pages are always returned oldest first.
 */
public record ArchiveQuery(
    Jid with,
    Instant start,
    Instant end,
    String afterId,
    String beforeId,
    List<String> ids,
    String pageAfter,
    String pageBefore,
    boolean lastPage,
    int max) {
  public ArchiveQuery {
    ids = ids == null ? List.of() : List.copyOf(ids);
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
    if (pageAfter != null && (pageBefore != null || lastPage)) {
      throw new IllegalArgumentException("page either after an id or before one, not both");
    }
  }

  /** The first {@code max} entries of the whole archive. */
  public static ArchiveQuery first(int max) {
    return new ArchiveQuery(null, null, null, null, null, List.of(), null, null, false, max);
  }

  /** The newest {@code max} entries of the whole archive. */
  public static ArchiveQuery newest(int max) {
    return new ArchiveQuery(null, null, null, null, null, List.of(), null, null, true, max);
  }
}
