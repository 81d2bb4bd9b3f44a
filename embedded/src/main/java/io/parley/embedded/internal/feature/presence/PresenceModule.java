package io.parley.embedded.internal.feature.presence;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import io.parley.embedded.internal.feature.roster.RosterChangeListener;
import io.parley.embedded.internal.router.PresenceHandling;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.stream.BoundStreamFeature;
import java.util.Set;

@Module
public abstract class PresenceModule {
  @Binds
  abstract PresenceHandling presence(PresenceHandler presence);

  @Binds
  @IntoSet
  abstract SessionLifecycle unavailableOnEnd(PresenceHandler presence);

  @Binds
  @IntoSet
  abstract BoundStreamFeature preApproval(PreApprovalFeature feature);

  @Binds
  @IntoSet
  abstract RosterChangeListener rosterSync(RosterSync sync);

  @Multibinds
  abstract Set<PresenceFilter> filters();
}
