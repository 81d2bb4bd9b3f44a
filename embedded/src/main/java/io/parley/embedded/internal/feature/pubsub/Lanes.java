package io.parley.embedded.internal.feature.pubsub;

import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.spi.stanza.Jid;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Serial lanes on the blocking executor: all work on one service (the pub-sub domain, or one
 * account's PEP) runs in order on its lane, so a read-check-write sequence on a node is never
 * interleaved, while different services proceed in parallel.
 */
@Singleton
final class Lanes {
  // Few lanes: a lane may wait on a roster read that itself runs on the blocking pool, so lanes
  // must never occupy all of the pool's threads (8 by default).
  private static final int LANES = 4;
  private final SerialExecutor[] lanes = new SerialExecutor[LANES];

  @Inject
  Lanes(@Blocking Executor blocking) {
    for (int i = 0; i < LANES; i++) {
      lanes[i] = new SerialExecutor(blocking);
    }
  }

  Executor of(Jid service) {
    return lanes[Math.floorMod(service.hashCode(), LANES)];
  }

  <T> CompletableFuture<T> run(Jid service, Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, of(service));
  }
}
