package io.parley.embedded.internal.feature.vcard;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.feature.privatedata.XmlStoreModule;
import io.parley.spi.handler.IqHandler;

@Module(includes = XmlStoreModule.class)
public abstract class VCardModule {
  @Binds
  @IntoSet
  abstract IqHandler vcard(VCardHandler handler);
}
