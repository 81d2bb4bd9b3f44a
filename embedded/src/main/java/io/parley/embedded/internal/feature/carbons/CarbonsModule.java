package io.parley.embedded.internal.feature.carbons;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.di.BuiltIn;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.StanzaInterceptor;

/** XEP-0280 Message Carbons. */
@Module
public abstract class CarbonsModule {
  @Provides
  @IntoSet
  static IqHandler enable(CarbonsSessions sessions) {
    return new CarbonsHandler(Carbons.ENABLE, sessions);
  }

  @Provides
  @IntoSet
  static IqHandler disable(CarbonsSessions sessions) {
    return new CarbonsHandler(Carbons.DISABLE, sessions);
  }

  @Binds
  @IntoSet
  abstract SessionLifecycle lifecycle(CarbonsSessions sessions);

  @Binds
  @IntoSet
  @BuiltIn
  abstract StanzaInterceptor interceptor(CarbonsInterceptor interceptor);
}
