package io.parley.embedded.internal.feature.presence;

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
 */
@Singleton
final class Sequencer {
  private static final Logger log = LoggerFactory.getLogger(Sequencer.class);

  private final ConcurrentHashMap<Object, CompletableFuture<Void>> tails =
      new ConcurrentHashMap<>();

  @Inject
  Sequencer() {}

  /** Starts {@code work} once the earlier work of {@code key} has finished (however it ended). */
  void run(Object key, Supplier<? extends CompletionStage<?>> work) {
    CompletableFuture<Void>[] mine = newTail();
    tails.compute(key, (k, tail) -> {
      CompletableFuture<Void> start = tail == null ? CompletableFuture.completedFuture(null)
          : tail;
      mine[0] = start.thenCompose(v -> {
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
          return null;
        });
      }).thenApply(v -> null);
      return mine[0];
    });
    // Forget the key once its last work is done, so idle users cost nothing.
    mine[0].whenComplete((v, f) -> tails.remove(key, mine[0]));
  }

  @SuppressWarnings("unchecked")
  private static CompletableFuture<Void>[] newTail() {
    return new CompletableFuture[1];
  }
}
