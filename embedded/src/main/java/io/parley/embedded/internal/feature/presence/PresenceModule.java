package io.parley.embedded.internal.feature.presence;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.feature.roster.RosterChangeListener;
import io.parley.embedded.internal.feature.roster.SubscriptionBarrier;
import io.parley.embedded.internal.session.AccountDeletion;
import io.parley.embedded.internal.router.PresenceHandling;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.stream.BoundStreamFeature;
import io.parley.spi.storage.SubscriptionRequestStore;
import java.util.Set;
import javax.inject.Singleton;

@Module
public abstract class PresenceModule {
  @Binds
  abstract PresenceHandling presence(PresenceHandler presence);

  @Binds
  abstract SubscriptionBarrier subscriptionBarrier(Sequencer sequencer);

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

  /** The host's store, else the default (the database, or memory). */
  @Provides
  @Singleton
  static SubscriptionRequestStore subscriptionRequests(ServerConfig config) {
    return config.subscriptionRequestStore() != null ? config.subscriptionRequestStore()
        : config.stores().subscriptionRequests();
  }

  @Provides
  @IntoSet
  static AccountDeletion deleteRequests(SubscriptionRequestStore store) {
    return store::deleteUser;
  }
}
