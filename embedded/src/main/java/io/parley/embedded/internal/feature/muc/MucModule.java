package io.parley.embedded.internal.feature.muc;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.router.LocalService;
import io.parley.spi.storage.RoomStore;
import java.util.Set;
import javax.inject.Provider;
import javax.inject.Singleton;

/** XEP-0045 Multi-User Chat at {@code conference.<domain>} (off with {@code mucEnabled(false)}). */
@Module
public abstract class MucModule {
  private MucModule() {}

  @Provides
  @Singleton
  static RoomStore roomStore(ServerConfig config) {
    return config.roomStore() != null ? config.roomStore() : config.stores().rooms();
  }

  // A Provider: an off service is never built, so it never reads the store.
  @Provides
  @ElementsIntoSet
  static Set<LocalService> service(ServerConfig config, Provider<MucService> muc) {
    return config.mucEnabled() ? Set.of(muc.get()) : Set.of();
  }
}
