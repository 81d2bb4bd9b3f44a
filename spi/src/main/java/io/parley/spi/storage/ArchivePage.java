package io.parley.spi.storage;

import java.util.List;

/**
 * One page of an archive query, oldest first.
 *
 * @param complete true if no matching entry lies beyond this page in the direction of paging
 *     (after it when paging forwards, before it when paging backwards)
 */
public record ArchivePage(List<ArchivedMessage> messages, boolean complete) {
  public ArchivePage {
    messages = List.copyOf(messages);
  }
}
