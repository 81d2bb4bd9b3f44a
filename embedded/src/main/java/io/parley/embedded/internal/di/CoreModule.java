package io.parley.embedded.internal.di;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.router.LocalService;
import io.parley.embedded.internal.router.MessageArchiving;
import io.parley.embedded.internal.router.Router;
import io.parley.embedded.internal.router.UndeliverableMessages;
import io.parley.embedded.internal.sasl.SaslMechanisms;
import io.parley.embedded.internal.session.AccountDeletion;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.StanzaRouting;
import io.parley.embedded.internal.stream.BoundStreamFeature;
import io.parley.embedded.internal.stream.PreAuthIqHandler;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.StanzaInterceptor;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.inject.Singleton;

/** The infrastructure every feature stands on. */
@Module
public abstract class CoreModule {
  @Multibinds
  abstract Set<IqHandler> iqHandlers();

  @Multibinds
  abstract Set<BoundStreamFeature> boundStreamFeatures();

  @Multibinds
  abstract Set<SessionLifecycle> sessionLifecycles();

  @Binds
  abstract StanzaRouting routing(Router router);

  @BindsOptionalOf
  abstract UndeliverableMessages undeliverableMessages();

  @BindsOptionalOf
  abstract MessageArchiving messageArchiving();

  /** Built-in interceptors (blocking, carbons): non-blocking, run before the host's. */
  @Multibinds
  @BuiltIn
  abstract Set<StanzaInterceptor> builtInInterceptors();

  @Multibinds
  abstract Set<PreAuthIqHandler> preAuthIqHandlers();

  @Multibinds
  abstract Set<AccountDeletion> accountDeletions();

  @Multibinds
  abstract Set<LocalService> localServices();

  @Provides
  @Blocking
  static Executor blocking(ServerConfig config) {
    return config.blockingExecutor();
  }

  @Provides
  @Singleton
  static Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  static SaslMechanisms saslMechanisms(ServerConfig config) {
    // A DRBG (NIST SP 800-90A) draws entropy when first used, which SaslMechanisms' constructor
    // does here on the starting thread, and is pure computation after that. The platform default
    // (NativePRNG) reads /dev/urandom on every nonce: a file read, which must not happen on an
    // event loop, where a non-blocking credential store has the SCRAM exchange run.
    SecureRandom random;
    try {
      random = SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("DRBG is standard since Java 9", e);
    }
    return new SaslMechanisms(config.domain().domain(), config.credentialStore(),
        config.authenticator(), random);
  }
}
