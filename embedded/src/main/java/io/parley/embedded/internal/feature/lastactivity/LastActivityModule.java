package io.parley.embedded.internal.feature.lastactivity;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.spi.handler.IqHandler;

@Module
public abstract class LastActivityModule {
  @Binds
  @IntoSet
  abstract IqHandler handler(LastActivityHandler handler);

  @Binds
  @IntoSet
  abstract SessionLifecycle logouts(LastActivityHandler handler);
}
