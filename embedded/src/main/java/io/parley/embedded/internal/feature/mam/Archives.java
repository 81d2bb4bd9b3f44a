package io.parley.embedded.internal.feature.mam;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.router.MessageArchiving;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.session.StorageBacklog;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterProvider;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchivePreferences;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import io.parley.spi.storage.NonBlockingStore;
import io.parley.spi.storage.RosterStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jctools.queues.MpscUnboundedArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users' message archives: what is archived (through the router's {@link MessageArchiving}
 * hook), in which order, and every read and write of the {@link ArchiveStore}.
 *
 * <p>The router queues an append before it delivers the message; one writer takes the queued
 * appends in routing order and writes them in batches, so an archive is in routing order. Other
 * store calls for a user run in that user's lane (a serial executor on the blocking executor;
 * users share 64 lanes), and each first writes every append queued so far, so a query runs
 * after every append routed before it (a client that got a message finds it in its archive).
 * Timestamps are taken by the writer, to the millisecond, and never go backwards.
 *
 * <p>Event loops never submit to the blocking executor themselves: its queue takes locks, which
 * park under contention (a flood of messages is enough). They put lane work on a lock-free queue
 * and unpark one hand-off thread, which submits it to the lanes.
 */
@Singleton
public final class Archives implements MessageArchiving, SessionLifecycle {
  private static final Logger log = LoggerFactory.getLogger(Archives.class);
  private static final int LANES = 64;
  // Appends per transaction: large enough to amortize a commit, small enough to bound one.
  private static final int MAX_BATCH = 512;

  private final ArchiveStore store;
  private final ServerConfig config;
  private final SessionRegistry sessions;
  private final RosterStore rosters;
  private final Clock clock;
  private final Executor blocking;
  private final StorageBacklog backlog;
  // Appends routed and not yet written (any thread offers; the writer polls, holding writing).
  private final MpscUnboundedArrayQueue<PendingAppend> appends =
      new MpscUnboundedArrayQueue<>(1024);
  private final AtomicBoolean writeQueued = new AtomicBoolean();
  private final Object writing = new Object();
  private Instant lastStamp; // guarded by writing
  private final Lane[] lanes = new Lane[LANES];
  // Preferences of users with a session, so that the router can decide without the store.
  private final ConcurrentHashMap<Jid, ArchivePreferences> cachedPreferences =
      new ConcurrentHashMap<>();
  // Archives written or read since start: what the periodic retention sweep visits.
  private final Set<Jid> knownOwners = ConcurrentHashMap.newKeySet();
  private final MpscUnboundedArrayQueue<LaneTask> handoff = new MpscUnboundedArrayQueue<>(1024);
  private final Thread handoffThread;
  private volatile boolean closed;

  @Inject
  Archives(ArchiveStore store, ServerConfig config, SessionRegistry sessions,
      RosterStore rosters, Clock clock, @Blocking Executor blocking, StorageBacklog backlog) {
    this.backlog = backlog;
    this.store = store;
    this.config = config;
    this.sessions = sessions;
    this.rosters = rosters;
    this.clock = clock;
    this.blocking = blocking;
    for (int i = 0; i < LANES; i++) {
      lanes[i] = new Lane(new SerialExecutor(blocking));
    }
    handoffThread = new Thread(this::handOff, "parley-archive-handoff");
    handoffThread.setDaemon(true);
    handoffThread.start();
    if (config.archiveRetention() != null || config.archiveRetentionPerUser() != null) {
      scheduleSweep();
    }
  }

  // ---- the router's hook (event loop: decide and queue, never block) ----

  @Override
  public Message sent(Message message, Jid sender, boolean deliverable) {
    Jid owner = sender.asBare();
    // XEP-0359 §7: a client cannot claim stanza IDs of this server's archives.
    Message m = Mam.withoutStanzaIds(message, this::isOurs);
    Jid to = m.to() == null ? owner : m.to();
    // A message to the user's own account is archived once, as received.
    if (deliverable && !to.asBare().equals(owner) && Mam.archivable(m)
        && mayArchive(owner, to)) {
      queueAppend(owner, newId(), to, m);
    }
    return m;
  }

  @Override
  public Message received(Message message) {
    Jid owner = message.to().asBare();
    Message m = Mam.withoutStanzaIds(message, by -> owner.toString().equals(by));
    Jid from = m.from();
    if (from == null || !Mam.archivable(m) || !mayArchive(owner, from)) {
      return m;
    }
    String id = newId();
    Message delivered = Mam.withStanzaId(m, id, owner);
    queueAppend(owner, id, from, delivered);
    return delivered;
  }

  private boolean isOurs(String by) {
    if (by == null) {
      return false;
    }
    try {
      return Jid.of(by).domain().equals(config.domain().domain());
    } catch (RuntimeException e) {
      return false;
    }
  }

  // The routing-time answer: false only when the cached preferences exclude the contact. The
  // lane decides again with the stored preferences and the roster (which the router cannot
  // read without blocking).
  private boolean mayArchive(Jid owner, Jid contact) {
    ArchivePreferences prefs = cachedPreferences.get(owner);
    return prefs == null || Mam.decide(prefs, contact) != Mam.Decision.NO;
  }

  private static final byte[] ID_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);

  /**
   * 128 random bits in 22 URL-safe characters (as unpadded base64url): unique without
   * coordination; not a secret, so no SecureRandom on the event loop. Written straight into one
   * array: this runs for every archived message, twice per chat message.
   */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] id = new byte[22];
    long bits = 0;
    for (int i = 0; i < id.length; i++) {
      if (i % 11 == 0) {
        bits = random.nextLong(); // 11 characters per 64 bits: the 11th holds the last 4
      }
      id[i] = ID_ALPHABET[(int) (bits & 63)];
      bits >>>= 6;
    }
    return new String(id, StandardCharsets.US_ASCII);
  }

  private void queueAppend(Jid owner, String id, Jid with, Message message) {
    backlog.added(1);
    appends.offer(new PendingAppend(owner, id, with, message));
    if (writeQueued.compareAndSet(false, true)) {
      inLaneOf(null, () -> writeAppends(false), null);
    }
  }

  /**
   * Queues work in the owner's lane without blocking, from any thread. The hand-off queue is
   * FIFO and the hand-off thread submits in its order, so lane order is queueing order.
   */
  private void inLaneOf(Jid owner, Runnable task) {
    inLaneOf(lane(owner), task, null);
  }

  private void inLaneOf(Lane lane, Runnable task, CompletableFuture<?> result) {
    handoff.offer(new LaneTask(lane, task, result));
    // Unconditional: a parked hand-off thread wakes, a running one finds the permit later.
    LockSupport.unpark(handoffThread);
  }

  private void handOff() {
    while (!closed) {
      LaneTask t = handoff.relaxedPoll();
      if (t == null) {
        LockSupport.park(this);
      } else {
        submit(t);
      }
    }
    // Closing: what is queued still goes to the executor, which may refuse it.
    for (LaneTask t = handoff.poll(); t != null; t = handoff.poll()) {
      submit(t);
    }
  }

  private void submit(LaneTask t) {
    try {
      (t.lane == null ? blocking : t.lane.serial).execute(t.task);
    } catch (RuntimeException e) {
      log.debug("archive work refused (shutting down?)", e);
      if (t.result != null) {
        t.result.completeExceptionally(e);
      }
    }
  }

  private record LaneTask(Lane lane, Runnable task, CompletableFuture<?> result) {}

  private record PendingAppend(Jid owner, String id, Jid with, Message message) {}

  // ---- in the owner's lane ----

  /**
   * Writes the queued appends in batches, each one {@link ArchiveStore#appendAll} call (one
   * transaction on the database). One writer for all archives, so the messages routed while a
   * write is under way all share the next one: with a writer per lane, batches stayed near one
   * entry and each message cost a commit. {@code all}: until none is left (lane work calls this
   * first, to see every append queued before it); else one batch, then the rest as a new task,
   * so that the writer does not hold a pool thread forever.
   */
  private void writeAppends(boolean all) {
    synchronized (writing) {
      writeQueued.set(false);
      while (true) {
        Map<Jid, List<ArchivedMessage>> batch = new LinkedHashMap<>();
        Map<Jid, Boolean> exists = new HashMap<>();
        int n = 0;
        int polled = 0;
        // One reading per batch: the clock was a twentieth of the writer's time.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant stamp = lastStamp != null && now.isBefore(lastStamp) ? lastStamp : now;
        lastStamp = stamp;
        PendingAppend p;
        while (n < MAX_BATCH && (p = appends.relaxedPoll()) != null) {
          polled++;
          try {
            if (!exists.computeIfAbsent(p.owner(), this::accountExists)
                || !shouldArchive(p.owner(), p.with())) {
              continue;
            }
          } catch (RuntimeException e) {
            log.warn("could not archive message {} for {}", p.message().id(), p.owner(), e);
            continue;
          }
          batch.computeIfAbsent(p.owner(), k -> new ArrayList<>())
              .add(new ArchivedMessage(p.id(), stamp, p.with(), p.message()));
          n++;
        }
        write(batch);
        backlog.done(polled);
        if (n < MAX_BATCH) {
          return;
        }
        if (!all) {
          if (writeQueued.compareAndSet(false, true)) {
            inLaneOf(null, () -> writeAppends(false), null);
          }
          return;
        }
      }
    }
  }

  private void write(Map<Jid, List<ArchivedMessage>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      store.appendAll(batch);
    } catch (RuntimeException e) {
      // One at a time, so that one bad entry costs only itself.
      log.debug("archive batch failed; appending one by one", e);
      batch.forEach((owner, entries) -> entries.forEach(entry -> {
        try {
          store.append(owner, entry);
        } catch (RuntimeException x) {
          log.warn("could not archive message {} for {}", entry.message().id(), owner, x);
        }
      }));
    }
    knownOwners.addAll(batch.keySet());
  }

  private boolean accountExists(Jid owner) {
    // As for offline storage (RFC 6121 §8.5.2.2.1): only an existing account has an archive. A
    // bound session proves one too (accounts checked by a host authenticator).
    return sessions.resources(owner).length > 0
        || config.credentialStore().exists(owner.local());
  }

  private boolean shouldArchive(Jid owner, Jid contact) {
    ArchivePreferences prefs = cachedPreferences.get(owner);
    if (prefs == null) {
      prefs = store.preferences(owner);
    }
    return switch (Mam.decide(prefs, contact)) {
      case YES -> true;
      case NO -> false;
      case IF_IN_ROSTER -> inRoster(owner, contact.asBare());
    };
  }

  private boolean inRoster(Jid owner, Jid contact) {
    if (owner.equals(contact) || rosters.item(owner, contact).isPresent()) {
      return true;
    }
    RosterProvider provider = config.rosterProvider();
    if (provider != null) {
      try {
        for (RosterItem item : provider.rosterOf(owner)) {
          if (item.jid().asBare().equals(contact)) {
            return true;
          }
        }
      } catch (RuntimeException e) {
        log.warn("roster provider failed for {}", owner, e);
      }
    }
    return false;
  }

  /** Removes the owner's messages older than the owner's retention; in the owner's lane. */
  private void expire(Jid owner) {
    Duration retention = retention(owner);
    if (retention != null) {
      int n = store.deleteBefore(owner, clock.instant().minus(retention));
      if (n > 0) {
        log.debug("removed {} expired archived messages of {}", n, owner);
      }
    }
  }

  private Duration retention(Jid owner) {
    Function<Jid, Duration> perUser = config.archiveRetentionPerUser();
    if (perUser != null) {
      Duration d = perUser.apply(owner);
      if (d != null) {
        if (d.isNegative() || d.isZero()) {
          log.warn("ignoring non-positive archive retention {} for {}", d, owner);
        } else {
          return d;
        }
      }
    }
    return config.archiveRetention();
  }

  // ---- for handlers and the host (any thread) ----

  /**
   * Runs work on the owner's archive in the owner's lane, after expired messages are removed;
   * the stage completes there.
   */
  <T> CompletionStage<T> inLane(Jid owner, Function<ArchiveStore, T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new RejectedExecutionException("closed"));
      return result;
    }
    Lane lane = lane(owner);
    inLaneOf(lane, () -> {
      try {
        writeAppends(true);
        knownOwners.add(owner);
        expire(owner);
        result.complete(work.apply(store));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, result);
    return result;
  }

  /** One page of the owner's archive (the host API). */
  public CompletionStage<ArchivePage> query(Jid owner, ArchiveQuery query) {
    return inLane(owner.asBare(), s -> s.query(owner.asBare(), query));
  }

  CompletionStage<ArchivePreferences> preferences(Jid owner) {
    return inLane(owner, s -> s.preferences(owner));
  }

  CompletionStage<ArchivePreferences> setPreferences(Jid owner, ArchivePreferences prefs) {
    return inLane(owner, s -> {
      s.setPreferences(owner, prefs);
      // Written in the lane, so the router's next decision and the lane's agree.
      if (sessions.resources(owner).length > 0) {
        cachedPreferences.put(owner, prefs);
      }
      return prefs;
    });
  }

  /** The account is being deleted: drop its archive behind the appends already queued. */
  void deleteUser(Jid user) {
    Jid owner = user.asBare();
    cachedPreferences.remove(owner);
    knownOwners.remove(owner);
    inLaneOf(owner, () -> {
      try {
        writeAppends(true);
        store.deleteUser(owner);
      } catch (RuntimeException e) {
        log.warn("could not delete the archive of {}", owner, e);
      }
    });
  }

  // ---- sessions: keep the preferences of online users at hand ----

  @Override
  public void bound(Session session) {
    Jid owner = session.jid().asBare();
    if (cachedPreferences.containsKey(owner)) {
      return;
    }
    if (store instanceof NonBlockingStore) {
      // Read here, without the lane. A lane's setPreferences caches after it writes and this
      // never replaces an entry, so whichever comes second, the newer preferences stay.
      try {
        cachedPreferences.putIfAbsent(owner, store.preferences(owner));
      } catch (RuntimeException e) {
        log.warn("could not read the archiving preferences of {}", owner, e);
      }
      return;
    }
    inLaneOf(owner, () -> {
      try {
        if (sessions.resources(owner).length > 0) {
          cachedPreferences.put(owner, store.preferences(owner));
        }
      } catch (RuntimeException e) {
        log.warn("could not read the archiving preferences of {}", owner, e);
      }
    });
  }

  @Override
  public void ended(Session session) {
    Jid owner = session.jid().asBare();
    if (sessions.resources(owner).length == 0) {
      cachedPreferences.remove(owner);
    }
  }

  // ---- retention sweep ----

  private void scheduleSweep() {
    long millis = config.archiveSweepInterval().toMillis();
    Executor delayed = CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, blocking);
    try {
      delayed.execute(this::sweep);
    } catch (RejectedExecutionException e) {
      log.debug("archive retention sweep stopped");
    }
  }

  private void sweep() {
    if (closed) {
      return;
    }
    for (Jid owner : knownOwners) {
      inLaneOf(owner, () -> {
        try {
          writeAppends(true);
          expire(owner);
        } catch (RuntimeException e) {
          log.warn("could not remove expired archived messages of {}", owner, e);
        }
      });
    }
    scheduleSweep();
  }

  /** Stops the hand-off thread and the retention sweep (the server is closing). */
  public void close() {
    closed = true;
    LockSupport.unpark(handoffThread);
  }

  private Lane lane(Jid owner) {
    return lanes[Math.floorMod(owner.hashCode(), LANES)];
  }

  private static final class Lane {
    final SerialExecutor serial;

    Lane(SerialExecutor serial) {
      this.serial = serial;
    }
  }
}
