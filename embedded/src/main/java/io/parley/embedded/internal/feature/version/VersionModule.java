package io.parley.embedded.internal.feature.version;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.parley.spi.handler.IqHandler;

@Module
public abstract class VersionModule {
  @Binds
  @IntoSet
  abstract IqHandler version(VersionHandler handler);
}
