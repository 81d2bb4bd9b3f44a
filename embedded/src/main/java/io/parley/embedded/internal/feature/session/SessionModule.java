package io.parley.embedded.internal.feature.session;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.stream.BoundStreamFeature;
import io.parley.spi.handler.IqHandler;

@Module
public abstract class SessionModule {
  @Binds
  @IntoSet
  abstract IqHandler handler(SessionHandler handler);

  @Binds
  @IntoSet
  abstract BoundStreamFeature feature(SessionHandler handler);
}
