package io.parley.embedded.internal.feature.mam;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchivePreferences;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A store that hands every call to another; tests override the calls they watch or hold. */
class ForwardingArchiveStore implements ArchiveStore {
  private final ArchiveStore delegate;

  ForwardingArchiveStore(ArchiveStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void append(Jid owner, ArchivedMessage entry) {
    delegate.append(owner, entry);
  }

  @Override
  public void appendAll(Map<Jid, List<ArchivedMessage>> entries) {
    delegate.appendAll(entries);
  }

  @Override
  public ArchivePage query(Jid owner, ArchiveQuery query) {
    return delegate.query(owner, query);
  }

  @Override
  public int deleteBefore(Jid owner, Instant cutoff) {
    return delegate.deleteBefore(owner, cutoff);
  }

  @Override
  public ArchivePreferences preferences(Jid owner) {
    return delegate.preferences(owner);
  }

  @Override
  public void setPreferences(Jid owner, ArchivePreferences preferences) {
    delegate.setPreferences(owner, preferences);
  }

  @Override
  public void deleteUser(Jid owner) {
    delegate.deleteUser(owner);
  }
}
