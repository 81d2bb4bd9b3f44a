package io.parley.embedded.internal.feature.roster;

import io.parley.embedded.internal.router.RosterChanges;
import io.parley.spi.stanza.Jid;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Pushes changes of the host's roster items to a user's interested resources: the provider is
 * re-read on the blocking executor, in the user's lane, and compared with what they were told.
 */
@Singleton
final class HostRosterChanges implements RosterChanges {
  private final RosterService rosters;

  @Inject
  HostRosterChanges(RosterService rosters) {
    this.rosters = rosters;
  }

  @Override
  public void rosterChanged(Jid user) {
    rosters.hostItemsChanged(user.asBare());
  }
}
