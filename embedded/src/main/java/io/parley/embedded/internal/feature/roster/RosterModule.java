package io.parley.embedded.internal.feature.roster;

import dagger.Binds;
import dagger.Lazy;
import dagger.Module;
import io.parley.embedded.internal.session.AccountDeletion;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.router.RosterChanges;
import io.parley.embedded.internal.router.Router;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.stream.BoundStreamFeature;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.storage.RosterStore;
import java.util.Set;
import javax.inject.Singleton;

@Module
public abstract class RosterModule {
  @Binds
  abstract RosterChanges rosterChanges(HostRosterChanges changes);

  @Binds
  abstract Rosters rosters(RosterService rosters);

  @Binds
  @IntoSet
  abstract IqHandler handler(RosterHandler handler);

  @Binds
  @IntoSet
  abstract BoundStreamFeature versioning(RosterVersioning versioning);

  @Binds
  @IntoSet
  abstract SessionLifecycle pushes(RosterPushes pushes);

  @Multibinds
  abstract Set<RosterChangeListener> changeListeners();

  // Lazy: the router reaches the roster handler through the IQ dispatcher.
  @Provides
  static ServerPresence serverPresence(Lazy<Router> router, SubscriptionBarrier barrier) {
    return presence -> {
      router.get().routeFromServer(presence);
      // Routing a subscription stanza to a local account queues its work at once; the barrier
      // completes behind it (and at once for an account with none, such as a remote one).
      return barrier.settled(presence.to().asBare());
    };
  }

  /** The host's store, else the default (the database, or memory). */
  @Provides
  @Singleton
  static RosterStore store(ServerConfig config) {
    return config.rosterStore() != null ? config.rosterStore() : config.stores().rosters();
  }

  @Provides
  @IntoSet
  static AccountDeletion deleteData(RosterStore store) {
    return store::deleteUser;
  }
}
