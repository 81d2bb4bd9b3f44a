package io.parley.embedded.internal.feature.presence;

import io.parley.embedded.internal.di.Blocking;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.storage.SubscriptionRequestStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Subscription requests a user has neither approved nor denied (the Pending In states of RFC 6121
 * Appendix A): kept in the {@link SubscriptionRequestStore} so that they reach the user's next
 * available resource (§3.1.3), also after a restart, and so that the user's {@code subscribed}
 * answers them. Every store call runs on the blocking executor; callers sequence their work per
 * user (see {@link SubscriptionHandler}), so a write completes before the next read of that user.
 */
@Singleton
final class PendingSubscriptions {
  private final SubscriptionRequestStore store;
  private final Executor blocking;

  @Inject
  PendingSubscriptions(SubscriptionRequestStore store, @Blocking Executor blocking) {
    this.store = store;
    this.blocking = blocking;
  }

  CompletionStage<Boolean> has(Jid user, Jid requester) {
    return CompletableFuture.supplyAsync(() -> store.has(user, requester), blocking);
  }

  /** Keeps the latest request of {@code requester} (a bare-JID {@code subscribe} stanza). */
  CompletionStage<Void> put(Jid user, Jid requester, Presence request) {
    return CompletableFuture.runAsync(() -> store.put(user, requester, request), blocking);
  }

  CompletionStage<Void> remove(Jid user, Jid requester) {
    return CompletableFuture.runAsync(() -> store.remove(user, requester), blocking);
  }

  /** The user's pending requests, in no particular order. */
  CompletionStage<List<Presence>> of(Jid user) {
    return CompletableFuture.supplyAsync(() -> store.pending(user), blocking);
  }
}
