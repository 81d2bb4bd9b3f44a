package io.parley.embedded.internal.feature.blocking;

import dagger.Binds;
import dagger.Module;
import io.parley.embedded.internal.session.AccountDeletion;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.feature.presence.PresenceFilter;
import io.parley.embedded.internal.di.BuiltIn;
import io.parley.embedded.internal.feature.roster.Rosters;
import io.parley.embedded.internal.router.Router;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.storage.BlockListStore;
import javax.inject.Provider;
import javax.inject.Singleton;

/** XEP-0191 Blocking Command. */
@Module
public abstract class BlockingModule {
  @Binds
  @IntoSet
  abstract PresenceFilter presenceFilter(BlockLists lists);

  @Provides
  @Singleton
  static BlockListStore store(ServerConfig config) {
    return config.blockListStore() != null ? config.blockListStore()
        : config.stores().blockLists();
  }

  // A Provider: the router holds the IQ dispatcher, which holds these handlers.
  @Provides
  static BlockPresence presence(Rosters rosters, SessionRegistry sessions,
      Provider<Router> router) {
    return new BlockPresence(rosters, sessions, s -> router.get().routeFromServer(s));
  }

  @Provides
  @IntoSet
  static IqHandler blocklist(BlockLists lists, BlockPresence presence) {
    return new BlockingHandler(Blocking.BLOCKLIST, lists, presence);
  }

  @Provides
  @IntoSet
  static IqHandler block(BlockLists lists, BlockPresence presence) {
    return new BlockingHandler(Blocking.BLOCK, lists, presence);
  }

  @Provides
  @IntoSet
  static IqHandler unblock(BlockLists lists, BlockPresence presence) {
    return new BlockingHandler(Blocking.UNBLOCK, lists, presence);
  }

  @Binds
  @IntoSet
  abstract SessionLifecycle lifecycle(BlockLists lists);

  @Binds
  @IntoSet
  @BuiltIn
  abstract StanzaInterceptor interceptor(BlockingInterceptor interceptor);

  @Provides
  @IntoSet
  static AccountDeletion deleteData(BlockListStore store) {
    return store::deleteUser;
  }
}
