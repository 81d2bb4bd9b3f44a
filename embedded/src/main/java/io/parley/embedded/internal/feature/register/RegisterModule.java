package io.parley.embedded.internal.feature.register;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.di.BuiltIn;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.stream.PreAuthIqHandler;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.StanzaInterceptor;

@Module
public abstract class RegisterModule {
  @Binds
  @IntoSet
  abstract PreAuthIqHandler accountCreation(AccountCreationHandler handler);

  @Binds
  @IntoSet
  abstract IqHandler account(AccountHandler handler);

  @Binds
  @IntoSet
  @BuiltIn
  abstract StanzaInterceptor removals(AccountRemovals removals);

  @Binds
  @IntoSet
  abstract SessionLifecycle removalsLifecycle(AccountRemovals removals);
}
