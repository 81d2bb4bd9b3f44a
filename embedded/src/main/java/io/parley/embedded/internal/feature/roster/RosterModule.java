package io.parley.embedded.internal.feature.roster;

import dagger.Binds;
import dagger.Module;
import io.parley.embedded.internal.router.RosterChanges;

@Module
public abstract class RosterModule {
  @Binds
  abstract RosterChanges rosterChanges(HostRosterChanges changes);

  @Binds
  abstract Rosters rosters(UnimplementedRosters rosters);
}
