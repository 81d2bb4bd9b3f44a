package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.util.Set;

/**
 * Users' block lists (XEP-0191). Called from Parley's blocking executor; may block (unless it is
 * a {@link NonBlockingStore}, whose reads Parley may make on a network thread); must be
 * thread-safe; writes durable when they return.
 */
public interface BlockListStore {
  Set<Jid> blocked(Jid user);

  void block(Jid user, Set<Jid> jids);

  /** Unblocks the given JIDs, or everything when {@code jids} is empty. */
  void unblock(Jid user, Set<Jid> jids);

  void deleteUser(Jid user);
}
