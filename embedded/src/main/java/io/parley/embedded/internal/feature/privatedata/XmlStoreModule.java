package io.parley.embedded.internal.feature.privatedata;

import dagger.Module;
import io.parley.embedded.internal.session.AccountDeletion;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.ServerConfig;
import io.parley.spi.storage.XmlStore;
import javax.inject.Singleton;

/**
 * The one {@link XmlStore} private storage and vCards share: the host's if it gave one, else the
 * default (the database, or memory). Included by both feature modules (Dagger keeps one copy), so either feature
 * can be left out without the other losing its store.
 */
@Module
public abstract class XmlStoreModule {
  private XmlStoreModule() {}

  @Provides
  @Singleton
  static XmlStore xmlStore(ServerConfig config) {
    return config.xmlStore() != null ? config.xmlStore() : config.stores().xml();
  }

  @Provides
  @IntoSet
  static AccountDeletion deleteData(XmlStore store) {
    return store::deleteUser;
  }
}
