package io.parley.embedded.internal.feature.disco;

import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.ServerConfig;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.StanzaError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.inject.Inject;

/**
 * Decides whether the server answers discovery on behalf of an account: always for the user's
 * own account; for another, only if it exists (asked off the event loop), else
 * {@code service-unavailable} so that account existence is not distinguishable from an unknown
 * service (XEP-0030 §7 privacy note, as Prosody does).
 */
final class AccountCheck {
  private final ServerConfig config;
  private final Executor blocking;

  @Inject
  AccountCheck(ServerConfig config, @Blocking Executor blocking) {
    this.config = config;
    this.blocking = blocking;
  }

  CompletionStage<Void> check(IqContext context) {
    if (context.target().equals(context.sender().asBare())) {
      return CompletableFuture.completedFuture(null);
    }
    String user = context.target().local();
    return CompletableFuture.supplyAsync(() -> config.credentialStore().exists(user), blocking)
        .thenApply(exists -> {
          if (!exists) {
            throw new StanzaErrorException(StanzaError.Condition.SERVICE_UNAVAILABLE);
          }
          return null;
        });
  }
}
