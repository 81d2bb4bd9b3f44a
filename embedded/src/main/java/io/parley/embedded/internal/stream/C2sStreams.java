package io.parley.embedded.internal.stream;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.session.InterceptorChain;
import io.parley.embedded.internal.sasl.SaslMechanisms;
import io.parley.embedded.internal.session.SessionEvents;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.session.StanzaRouting;
import io.parley.embedded.internal.session.StorageBacklog;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Creates the session core for each new connection, whatever its transport. */
@Singleton
public final class C2sStreams {
  private final C2sStream.Deps deps;

  @Inject
  C2sStreams(ServerConfig config, SaslMechanisms mechanisms, SessionRegistry registry,
      StanzaRouting router, InterceptorChain interceptors, SessionEvents events,
      Set<BoundStreamFeature> boundFeatures, Set<PreAuthIqHandler> preAuthIqs,
      @Blocking Executor blocking, StorageBacklog storageBacklog) {
    this.deps = new C2sStream.Deps(config, mechanisms, registry, router, interceptors, events,
        boundFeatures, preAuthIqs, blocking, storageBacklog, new FeatureSets());
  }

  public C2sStream create(StreamTransport transport) {
    return new C2sStream(deps, transport);
  }
}
