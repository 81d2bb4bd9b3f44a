package io.parley.embedded.internal.feature.roster;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;

/**
 * Hears roster changes that other features cache (presence keeps each online user's subscribers).
 * Called on the user's roster lane of the blocking executor; must not block for long.
 */
public interface RosterChangeListener {
  /** A user's own item changed; {@code item} is null when it was removed. */
  void itemChanged(Jid user, Jid contact, RosterItem item);

  /** The host announced new items for the user: anything cached about the roster is stale. */
  void rosterReloaded(Jid user);
}
