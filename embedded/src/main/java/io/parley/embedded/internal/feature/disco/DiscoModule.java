package io.parley.embedded.internal.feature.disco;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import io.parley.spi.handler.IqHandler;
import java.util.Set;

@Module
public abstract class DiscoModule {
  @Binds
  @IntoSet
  abstract IqHandler info(DiscoInfoHandler handler);

  @Binds
  @IntoSet
  abstract IqHandler items(DiscoItemsHandler handler);

  /** Server features without an IQ handler; empty unless a feature module contributes one. */
  @Multibinds
  @ServerFeature
  abstract Set<String> serverFeatures();

  /** Items of accounts; empty unless a feature module contributes some (PEP nodes). */
  @Multibinds
  abstract Set<AccountItems> accountItems();
}
