package io.parley.embedded.internal.feature.blocking;

import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.feature.presence.PresenceFilter;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.BlockListStore;
import io.parley.spi.storage.NonBlockingStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block lists of online users, cached for the interceptor, and the store behind them.
 *
 * <p>A user's list is loaded off the event loop when their first session binds and dropped when
 * the last one ends. Store calls run on the blocking executor under a per-user lock stripe, and
 * every write re-reads the list into the cache before the command is answered, so a client that
 * got its result (or its block list) sees the block enforced. Also tracks which resources asked
 * for the list, for the pushes of XEP-0191 §3.3–§3.5.
 */
@Singleton
final class BlockLists implements SessionLifecycle, PresenceFilter {
  private static final Logger log = LoggerFactory.getLogger(BlockLists.class);
  private static final int STRIPES = 64;

  private final BlockListStore store;
  private final Executor blocking;
  private final SessionRegistry sessions;
  private final ConcurrentHashMap<Jid, Cached> cache = new ConcurrentHashMap<>();
  // Full JID -> the session that requested the list; the session is kept so that a replaced
  // session (same full JID) ending does not unregister its successor.
  private final ConcurrentHashMap<Jid, Session> interested = new ConcurrentHashMap<>();
  private final Object[] stripes = new Object[STRIPES];
  private final AtomicLong pushIds = new AtomicLong();

  @Inject
  BlockLists(BlockListStore store, @Blocking Executor blocking, SessionRegistry sessions) {
    this.store = store;
    this.blocking = blocking;
    this.sessions = sessions;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  /**
   * XEP-0191 §3.3: a user's presence does not go to contacts they blocked, nor to contacts who
   * blocked them (whose presence they would not get either). Uses cached lists only.
   */
  @Override
  public boolean withholds(Jid from, Jid to) {
    Set<Jid> fromBlocks = cached(from.asBare());
    if (fromBlocks != null
        && io.parley.embedded.internal.feature.blocking.Blocking.matches(fromBlocks, to)) {
      return true;
    }
    Set<Jid> toBlocks = cached(to.asBare());
    return toBlocks != null && io.parley.embedded.internal.feature.blocking.Blocking.matches(toBlocks, from);
  }

  /** The cached list of an online user, or null when it is not (yet) loaded. Never blocks. */
  Set<Jid> cached(Jid user) {
    Cached c = cache.get(user);
    return c == null ? null : c.items;
  }

  /** Reads the list from the store (refreshing the cache) and remembers the requester. */
  CompletionStage<Set<Jid>> list(Jid user, Jid requester) {
    return CompletableFuture.supplyAsync(() -> {
      Set<Jid> items;
      synchronized (stripe(user)) {
        items = store.blocked(user);
        refresh(user, items);
      }
      Session s = sessions.find(requester);
      if (s != null) {
        interested.put(requester, s);
      }
      return items;
    }, blocking);
  }

  /** Adds the JIDs to the list; completes with the list before the change. */
  CompletionStage<Set<Jid>> block(Jid user, Set<Jid> jids) {
    return CompletableFuture.supplyAsync(() -> {
      synchronized (stripe(user)) {
        Set<Jid> before = store.blocked(user);
        store.block(user, jids);
        refresh(user, store.blocked(user));
        return before;
      }
    }, blocking);
  }

  /** Removes the JIDs (all of them when empty); completes with the list before the change. */
  CompletionStage<Set<Jid>> unblock(Jid user, Set<Jid> jids) {
    return CompletableFuture.supplyAsync(() -> {
      synchronized (stripe(user)) {
        Set<Jid> before = store.blocked(user);
        store.unblock(user, jids);
        refresh(user, store.blocked(user));
        return before;
      }
    }, blocking);
  }

  /** Sends a block or unblock push to every resource of the user that requested the list. */
  void push(Jid user, Element command) {
    for (Session s : sessions.resources(user)) {
      if (interested.get(s.jid()) == s) {
        s.deliver(new Iq(s.jid(), null, "block-push-" + pushIds.incrementAndGet(), Iq.Type.SET,
            null, List.of(command)));
      }
    }
  }

  @Override
  public void bound(Session session) {
    Jid user = session.jid().asBare();
    Cached[] created = new Cached[1];
    cache.computeIfAbsent(user, u -> created[0] = new Cached());
    if (created[0] != null) {
      load(user, created[0]);
    }
  }

  @Override
  public void ended(Session session) {
    interested.remove(session.jid(), session);
    // Compute on the user's key serialises this with bound(): a session bound meanwhile is
    // already in the registry (it binds before the event), so its list stays.
    cache.computeIfPresent(session.jid().asBare(),
        (user, c) -> sessions.resources(user).length == 0 ? null : c);
  }

  private void load(Jid user, Cached entry) {
    Runnable load = () -> {
      try {
        synchronized (stripe(user)) {
          if (cache.get(user) == entry) {
            entry.items = Set.copyOf(store.blocked(user));
          }
        }
      } catch (RuntimeException e) {
        log.warn("could not load the block list of {}; it is not enforced until the user's "
            + "next request", user, e);
      }
    };
    if (store instanceof NonBlockingStore) {
      // Its writers hold the stripe only for an in-memory update, so waiting for it is brief.
      load.run();
      return;
    }
    try {
      blocking.execute(load);
    } catch (RuntimeException e) {
      log.warn("could not schedule loading the block list of {}", user, e);
    }
  }

  // Called under the user's stripe lock, after a store read.
  private void refresh(Jid user, Set<Jid> items) {
    Cached c = cache.get(user);
    if (c != null) {
      c.items = Set.copyOf(items);
    }
  }

  private Object stripe(Jid user) {
    return stripes[Math.floorMod(user.hashCode(), STRIPES)];
  }

  /** One user's list: null until the store answered. */
  private static final class Cached {
    volatile Set<Jid> items;
  }
}
