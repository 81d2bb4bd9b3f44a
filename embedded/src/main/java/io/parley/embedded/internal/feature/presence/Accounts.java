package io.parley.embedded.internal.feature.presence;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.stanza.Jid;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a local account exists: one with a bound session does (host sessions need no
 * credentials); otherwise the credential store answers, on the blocking executor.
 */
@Singleton
final class Accounts {
  private static final Logger log = LoggerFactory.getLogger(Accounts.class);

  private final CredentialStore credentials;
  private final SessionRegistry sessions;
  private final Executor blocking;

  @Inject
  Accounts(ServerConfig config, SessionRegistry sessions, @Blocking Executor blocking) {
    this.credentials = config.credentialStore();
    this.sessions = sessions;
    this.blocking = blocking;
  }

  CompletionStage<Boolean> exists(Jid bare) {
    if (sessions.resources(bare).length > 0) {
      return CompletableFuture.completedFuture(true);
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        return credentials.exists(bare.local());
      } catch (RuntimeException e) {
        log.warn("credential store failed on exists({})", bare.local(), e);
        return false;
      }
    }, blocking);
  }
}
