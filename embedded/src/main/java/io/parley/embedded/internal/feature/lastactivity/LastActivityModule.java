package io.parley.embedded.internal.feature.lastactivity;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.session.AccountDeletion;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.storage.LastActivityStore;
import javax.inject.Singleton;

@Module
public abstract class LastActivityModule {
  @Binds
  @IntoSet
  abstract IqHandler handler(LastActivityHandler handler);

  @Binds
  @IntoSet
  abstract SessionLifecycle logouts(LastActivityHandler handler);

  /** The host's store, else the default (the database, or memory). */
  @Provides
  @Singleton
  static LastActivityStore store(ServerConfig config) {
    return config.lastActivityStore() != null ? config.lastActivityStore()
        : config.stores().lastActivity();
  }

  @Provides
  @IntoSet
  static AccountDeletion deleteData(Logouts logouts) {
    return logouts::deleteUser;
  }
}
