package io.parley.embedded.internal.feature.lastactivity;

import io.parley.embedded.internal.di.Blocking;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.LastActivity;
import io.parley.spi.storage.LastActivityStore;
import io.parley.spi.storage.NonBlockingStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logout records, written behind: the logouts that happen while one write is under way go to
 * the store together in the next ({@link LastActivityStore#putAll}, one transaction on the
 * database), so a burst of disconnects costs a few commits, not one each. Nobody is told a
 * logout was stored, so a record may wait for the write in flight; until written it is answered
 * from memory, and a later logout of the same user replaces an unwritten one. A
 * {@link NonBlockingStore} is written at once instead.
 */
@Singleton
final class Logouts {
  private static final Logger log = LoggerFactory.getLogger(Logouts.class);

  private final LastActivityStore store;
  private final Executor blocking;
  private final Map<Jid, LastActivity> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  // Held while writing and deleting, so a deleted account's record is not written back after.
  private final Object writing = new Object();

  @Inject
  Logouts(LastActivityStore store, @Blocking Executor blocking) {
    this.store = store;
    this.blocking = blocking;
  }

  /** Records {@code user}'s logout; never blocks. */
  void record(Jid user, LastActivity logout) {
    if (store instanceof NonBlockingStore) {
      // Batching saves a database its commits; a store in memory is written at once, without
      // waking a pool thread per logout.
      synchronized (writing) {
        try {
          store.put(user.asBare(), logout);
        } catch (RuntimeException e) {
          log.warn("could not record the logout of {}", user.asBare(), e);
        }
      }
      return;
    }
    pending.put(user.asBare(), logout);
    if (scheduled.compareAndSet(false, true)) {
      try {
        blocking.execute(this::write);
      } catch (RejectedExecutionException e) {
        scheduled.set(false);
        log.debug("shutting down: the logout of {} is not recorded", user);
      }
    }
  }

  /** The user's last logout; may block. */
  Optional<LastActivity> get(Jid user) {
    LastActivity unwritten = pending.get(user.asBare());
    return unwritten != null ? Optional.of(unwritten) : store.get(user);
  }

  /** Forgets the user's logouts, written or not; may block. */
  void deleteUser(Jid user) {
    synchronized (writing) {
      pending.remove(user.asBare());
      store.deleteUser(user);
    }
  }

  private void write() {
    // Cleared first: a logout recorded from here on schedules the next write.
    scheduled.set(false);
    synchronized (writing) {
      Map<Jid, LastActivity> batch = new HashMap<>(pending);
      if (batch.isEmpty()) {
        return;
      }
      try {
        store.putAll(batch);
      } catch (RuntimeException e) {
        log.warn("could not record the logouts of {} users", batch.size(), e);
      }
      // Only what was written: a newer logout of the same user stays for the next write.
      batch.forEach(pending::remove);
    }
  }
}
