package io.parley.embedded.internal.feature.ping;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.parley.spi.handler.IqHandler;

@Module
public abstract class PingModule {
  @Binds
  @IntoSet
  abstract IqHandler ping(PingHandler handler);
}
