package io.parley.embedded.internal.feature.presence;

import dagger.Binds;
import dagger.Module;
import io.parley.embedded.internal.router.PresenceHandling;

@Module
public abstract class PresenceModule {
  @Binds
  abstract PresenceHandling presence(BasicPresence presence);
}
