package io.parley.embedded.internal.feature.offline;

import dagger.Binds;
import dagger.Module;
import io.parley.embedded.internal.session.AccountDeletion;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.feature.disco.ServerFeature;
import io.parley.embedded.internal.router.UndeliverableMessages;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.spi.storage.OfflineStore;
import javax.inject.Singleton;

@Module
public abstract class OfflineModule {
  @Binds
  abstract UndeliverableMessages undeliverable(OfflineMessages messages);

  @Binds
  @IntoSet
  abstract SessionLifecycle lifecycle(OfflineMessages messages);

  /** The host's store if it gave one, else the default (the database, or memory). */
  @Provides
  @Singleton
  static OfflineStore store(ServerConfig config) {
    return config.offlineStore() != null ? config.offlineStore() : config.stores().offline();
  }

  @Provides
  @IntoSet
  @ServerFeature
  static String feature() {
    return Offline.FEATURE;
  }

  @Provides
  @IntoSet
  static AccountDeletion deleteData(OfflineStore store) {
    return store::deleteUser;
  }
}
