package io.parley.embedded.internal.router;

import io.parley.spi.stanza.Jid;

/** What the host's announcement of changed roster items reaches (the roster feature). */
public interface RosterChanges {
  /** Re-reads the host's items for a user and pushes the differences to interested resources. */
  void rosterChanged(Jid user);
}
