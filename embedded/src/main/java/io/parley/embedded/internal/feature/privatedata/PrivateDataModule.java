package io.parley.embedded.internal.feature.privatedata;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.parley.spi.handler.IqHandler;

@Module(includes = XmlStoreModule.class)
public abstract class PrivateDataModule {
  @Binds
  @IntoSet
  abstract IqHandler privateData(PrivateDataHandler handler);
}
