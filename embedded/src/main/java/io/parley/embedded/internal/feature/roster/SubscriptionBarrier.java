package io.parley.embedded.internal.feature.roster;

import io.parley.spi.stanza.Jid;
import java.util.concurrent.CompletionStage;

/**
 * Tells when the subscription stanzas already routed to a local account have been processed (its
 * roster changed and its resources were handed the stanzas). The presence feature implements it.
 */
public interface SubscriptionBarrier {
  /** Completes once the subscription work queued so far for {@code account} has run. */
  CompletionStage<Void> settled(Jid account);
}
