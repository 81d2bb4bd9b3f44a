package io.parley.embedded.internal.feature.roster;

import io.parley.embedded.internal.router.RosterChanges;
import io.parley.spi.stanza.Jid;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Pushes changes of the host's roster items to online resources. TODO: the roster feature. */
@Singleton
final class HostRosterChanges implements RosterChanges {
  @Inject
  HostRosterChanges() {}

  @Override
  public void rosterChanged(Jid user) {
    // TODO(roster): re-read the RosterProvider and push the differences.
  }
}
