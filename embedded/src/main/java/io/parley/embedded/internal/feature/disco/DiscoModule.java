package io.parley.embedded.internal.feature.disco;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.parley.spi.handler.IqHandler;

@Module
public abstract class DiscoModule {
  @Binds
  @IntoSet
  abstract IqHandler info(DiscoInfoHandler handler);

  @Binds
  @IntoSet
  abstract IqHandler items(DiscoItemsHandler handler);
}
