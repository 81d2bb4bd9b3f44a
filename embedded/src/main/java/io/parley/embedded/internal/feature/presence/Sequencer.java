package io.parley.embedded.internal.feature.presence;

import io.parley.embedded.internal.feature.roster.SubscriptionBarrier;
import io.parley.spi.stanza.Jid;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs asynchronous work one at a time per key, in submission order, without blocking a thread:
 * the subscription stanzas of one user change that user's roster in the order they were sent.
 *
 * <p>Work never runs inside a map operation: work for one user starts work for another, and two
 * event loops doing that inside {@code ConcurrentHashMap.compute} deadlock on each other's bins.
 */
@Singleton
final class Sequencer implements SubscriptionBarrier {
  private static final Logger log = LoggerFactory.getLogger(Sequencer.class);
  private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

  private final ConcurrentHashMap<Object, CompletableFuture<Void>> tails =
      new ConcurrentHashMap<>();

  @Inject
  Sequencer() {}

  /** Starts {@code work} once the earlier work of {@code key} has finished (however it ended). */
  void run(Object key, Supplier<? extends CompletionStage<?>> work) {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Void> done = gate.thenCompose(v -> start(key, work));
    // The swap orders the work of one key; the work itself starts outside the map.
    CompletableFuture<Void> previous = tails.put(key, done);
    // Forget the key once its last work is done, so idle users cost nothing.
    done.whenComplete((v, f) -> tails.remove(key, done));
    (previous == null ? IDLE : previous).whenComplete((v, f) -> gate.complete(null));
  }

  /** Completes once the work of {@code key} queued so far has finished (however it ended). */
  @Override
  public CompletionStage<Void> settled(Jid key) {
    return tails.getOrDefault(key, IDLE).copy(); // a copy: callers cannot complete the tail
  }

  private static CompletableFuture<Void> start(Object key,
      Supplier<? extends CompletionStage<?>> work) {
    CompletionStage<?> stage;
    try {
      stage = work.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.handle((r, failure) -> {
      if (failure != null) {
        log.warn("presence work for {} failed", key, failure);
      }
      return (Void) null;
    }).toCompletableFuture();
  }
}
