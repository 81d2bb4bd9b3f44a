package io.parley.embedded.internal.feature.mam;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.router.MessageArchiving;
import io.parley.embedded.internal.session.AccountDeletion;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.storage.memory.InMemoryArchiveStore;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.storage.ArchiveStore;
import javax.inject.Singleton;

/** XEP-0313 Message Archive Management for user archives. */
@Module
public abstract class MamModule {
  @Binds
  abstract MessageArchiving archiving(Archives archives);

  @Binds
  @IntoSet
  abstract SessionLifecycle lifecycle(Archives archives);

  @Binds
  @IntoSet
  abstract IqHandler query(MamQueryHandler handler);

  @Binds
  @IntoSet
  abstract IqHandler prefs(MamPrefsHandler handler);

  @Binds
  @IntoSet
  abstract IqHandler metadata(MamMetadataHandler handler);

  /** The host's store, else the database's, else archives in memory, bounded per user. */
  @Provides
  @Singleton
  static ArchiveStore store(ServerConfig config) {
    if (config.archiveStore() != null) {
      return config.archiveStore();
    }
    ArchiveStore database = config.stores().archive();
    return database != null ? database : new InMemoryArchiveStore(config.archiveMemoryLimit());
  }

  @Provides
  @IntoSet
  static AccountDeletion deleteData(Archives archives) {
    return archives::deleteUser;
  }
}
