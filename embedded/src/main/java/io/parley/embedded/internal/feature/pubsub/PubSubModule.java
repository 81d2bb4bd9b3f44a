package io.parley.embedded.internal.feature.pubsub;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dagger.multibindings.IntoSet;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.BuiltIn;
import io.parley.embedded.internal.feature.disco.AccountItems;
import io.parley.embedded.internal.feature.disco.ServerFeature;
import io.parley.embedded.internal.router.LocalService;
import io.parley.embedded.internal.session.AccountDeletion;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.storage.PubSubStore;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.inject.Singleton;

/** XEP-0060 publish-subscribe at pubsub.&lt;domain&gt; and XEP-0163 PEP on every account. */
@Module
public abstract class PubSubModule {
  @Provides
  @Singleton
  static PubSubStore store(ServerConfig config) {
    PubSubStore store = config.pubSubStore() != null ? config.pubSubStore()
        : config.stores().pubSub();
    return new CachedSubscriptions(store, config.pubSubCachedNodes());
  }

  @Binds
  @IntoSet
  abstract LocalService service(PubSubService service);

  @Binds
  abstract PubSubEngine.Interest interest(Caps caps);

  @Binds
  abstract io.parley.embedded.PubSub hostApi(HostPubSub api);

  @Binds
  @IntoSet
  abstract SessionLifecycle caps(Caps caps);

  @Binds
  @IntoSet
  @BuiltIn
  abstract StanzaInterceptor pepDisco(PepDiscoInterceptor interceptor);

  @Provides
  @IntoSet
  static IqHandler pep(PubSubEngine engine, Lanes lanes) {
    return new PepHandler(PubSub.NAMESPACE, engine, lanes);
  }

  @Provides
  @IntoSet
  static IqHandler pepOwner(PubSubEngine engine, Lanes lanes) {
    return new PepHandler(PubSub.OWNER, engine, lanes);
  }

  // Clients look for PEP on their server's own disco#info (XEP-0163 §1, as Prosody does).
  @Provides
  @ElementsIntoSet
  @ServerFeature
  static Set<String> serverFeatures() {
    return new LinkedHashSet<>(Features.pep());
  }

  // XEP-0163 §6.2: PEP nodes in the account's disco#items.
  @Provides
  @IntoSet
  static AccountItems pepNodes(PubSubEngine engine, Lanes lanes) {
    return (account, requester) -> lanes.run(account.asBare(),
        () -> engine.visibleNodes(account.asBare(), requester));
  }

  @Provides
  @IntoSet
  static AccountDeletion deleteData(PubSubStore store) {
    return store::deleteService;
  }
}
