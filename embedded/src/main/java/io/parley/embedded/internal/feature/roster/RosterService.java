package io.parley.embedded.internal.feature.roster;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.embedded.internal.session.Session;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterProvider;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.storage.RosterStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merged rosters: the user's own items from the {@link RosterStore}, with the host's items
 * from the {@link RosterProvider} replacing a user item for the same contact. Every read and
 * change of one user's roster runs on that user's serial lane of the blocking executor, so
 * changes are atomic per user and their pushes leave in the order the changes happened.
 *
 * <p>The version (XEP-0237) is the store's version, followed by a digest of the host items when
 * there are any, so a change on either side changes it.
 */
@Singleton
final class RosterService implements Rosters {
  private static final Logger log = LoggerFactory.getLogger(RosterService.class);
  // Lanes, not one executor per user: a fixed set needs no clean-up; a user always maps to one.
  private static final int LANES = 64;

  private final RosterStore store;
  private final RosterProvider provider;
  private final int maxItems;
  private final Executor blocking;
  private final RosterPushes pushes;
  private final Set<RosterChangeListener> listeners;
  private final SerialExecutor[] lanes = new SerialExecutor[LANES];

  @Inject
  RosterService(RosterStore store, ServerConfig config, @Blocking Executor blocking,
      RosterPushes pushes, Set<RosterChangeListener> listeners) {
    this.listeners = listeners;
    this.store = store;
    this.provider = config.rosterProvider();
    this.maxItems = config.maxRosterItems();
    this.blocking = blocking;
    this.pushes = pushes;
    for (int i = 0; i < LANES; i++) {
      lanes[i] = new SerialExecutor(blocking);
    }
  }

  /** A roster as a get answers it: its version, and its items unless the client has them. */
  record Snapshot(String version, List<RosterItem> items) {}

  @Override
  public CompletionStage<List<RosterItem>> roster(Jid user) {
    return serially(user, () -> merged(user, hostItems(user)));
  }

  @Override
  public CompletionStage<Optional<RosterItem>> item(Jid user, Jid contact) {
    return CompletableFuture.supplyAsync(() -> {
      RosterItem host = hostItems(user).get(contact);
      return host != null ? Optional.of(host) : store.item(user, contact);
    }, blocking);
  }

  @Override
  public CompletionStage<Optional<RosterItem>> update(Jid user, Jid contact,
      UnaryOperator<RosterItem> change) {
    return serially(user, () -> {
      Map<Jid, RosterItem> host = hostItems(user);
      RosterItem hostItem = host.get(contact);
      if (hostItem != null) {
        return Optional.of(hostItem);
      }
      RosterItem current = store.item(user, contact).orElse(null);
      RosterItem next = change.apply(current);
      if (Objects.equals(next, current)) {
        return Optional.ofNullable(current);
      }
      if (next != null && !next.jid().equals(contact)) {
        throw new IllegalArgumentException("item for " + next.jid() + " given for " + contact);
      }
      if (current == null) {
        checkRoom(user);
      }
      write(user, current, next);
      return Optional.ofNullable(next);
    });
  }

  /**
   * A roster get (RFC 6121 §2.2, §2.6.3): marks the session interested, and returns the roster,
   * or only its version when it equals the client's.
   */
  CompletionStage<Snapshot> get(Jid user, Session session, String clientVersion) {
    return serially(user, () -> {
      Map<Jid, RosterItem> host = hostItems(user);
      String version = version(store.version(user), host);
      // Marked within the user's lane: a change is either in this roster or pushed after it.
      if (session != null) {
        pushes.interested(session, host);
      }
      return new Snapshot(version,
          version.equals(clientVersion) ? null : merged(user, host));
    });
  }

  /**
   * A client's roster set (RFC 6121 §2.3, §2.4): the handle and groups change; subscription,
   * ask and approval stay as they are, for the client may not set them (§2.1.2).
   */
  CompletionStage<RosterItem> set(Jid user, Jid contact, String name, Set<String> groups) {
    return serially(user, () -> {
      Map<Jid, RosterItem> host = hostItems(user);
      if (host.containsKey(contact)) {
        throw error(StanzaError.Condition.NOT_ALLOWED, "the host manages this contact");
      }
      RosterItem current = store.item(user, contact).orElse(null);
      if (current == null) {
        checkRoom(user);
      }
      RosterItem next = current == null ? RosterItem.of(contact, name, groups)
          : new RosterItem(contact, name, current.subscription(), current.askSubscribe(),
              current.approved(), groups);
      // Pushed even when nothing changed: the client that sent it waits for the push (§2.3.2).
      write(user, current, next);
      return next;
    });
  }

  /**
   * A client's roster remove (RFC 6121 §2.5): returns the removed item so that the caller can
   * cancel its subscriptions.
   */
  CompletionStage<RosterItem> remove(Jid user, Jid contact) {
    return serially(user, () -> {
      Map<Jid, RosterItem> host = hostItems(user);
      if (host.containsKey(contact)) {
        throw error(StanzaError.Condition.NOT_ALLOWED, "the host manages this contact");
      }
      RosterItem current = store.item(user, contact)
          .orElseThrow(() -> error(StanzaError.Condition.ITEM_NOT_FOUND, null));
      write(user, current, null);
      return current;
    });
  }

  /**
   * Pushes the difference between the host items the user's interested resources know and the
   * provider's current ones (a removed host item reveals the user's own item, if any).
   */
  CompletionStage<Void> hostItemsChanged(Jid user) {
    return serially(user, () -> {
      for (RosterChangeListener l : listeners) {
        l.rosterReloaded(user);
      }
      RosterPushes.Interest interest = pushes.interest(user);
      if (interest == null) {
        return null; // nobody to tell; the next roster get reads the provider anew
      }
      Map<Jid, RosterItem> before = interest.hostItems;
      Map<Jid, RosterItem> after = hostItems(user);
      if (after.equals(before)) {
        return null;
      }
      String version = version(store.version(user), after);
      for (RosterItem item : after.values()) {
        if (!item.equals(before.get(item.jid()))) {
          pushes.push(user, version, RosterQuery.item(item));
        }
      }
      for (Jid gone : before.keySet()) {
        if (!after.containsKey(gone)) {
          pushes.push(user, version, store.item(user, gone).map(RosterQuery::item)
              .orElseGet(() -> RosterQuery.removed(gone)));
        }
      }
      interest.hostItems = after;
      return null;
    });
  }

  // Only the user's own items count: the host decides how many of its own it adds.
  private void checkRoom(Jid user) {
    if (store.items(user).size() >= maxItems) {
      throw error(StanzaError.Condition.NOT_ALLOWED, "the roster is full (" + maxItems + " items)");
    }
  }

  private void write(Jid user, RosterItem current, RosterItem next) {
    String storeVersion = next == null ? store.remove(user, current.jid()) : store.put(user, next);
    Jid contact = next == null ? current.jid() : next.jid();
    for (RosterChangeListener l : listeners) {
      l.itemChanged(user, contact, next);
    }
    RosterPushes.Interest interest = pushes.interest(user);
    if (interest != null) {
      // The version of what the resources will hold: the host items they were told about, not
      // a newer set the host has not announced yet (that would make them skip its diff).
      pushes.push(user, version(storeVersion, interest.hostItems),
          next == null ? RosterQuery.removed(current.jid()) : RosterQuery.item(next));
    }
  }

  private List<RosterItem> merged(Jid user, Map<Jid, RosterItem> host) {
    List<RosterItem> items = new ArrayList<>(host.values());
    for (RosterItem own : store.items(user)) {
      if (!host.containsKey(own.jid())) {
        items.add(own);
      }
    }
    return items;
  }

  /** The host's items by contact; none without a provider or when it fails. */
  private Map<Jid, RosterItem> hostItems(Jid user) {
    if (provider == null) {
      return Map.of();
    }
    List<RosterItem> items;
    try {
      items = provider.rosterOf(user);
    } catch (RuntimeException e) {
      log.warn("roster provider failed for {}; no host items this time", user, e);
      return Map.of();
    }
    if (items == null || items.isEmpty()) {
      return Map.of();
    }
    Map<Jid, RosterItem> byContact = new LinkedHashMap<>();
    for (RosterItem item : items) {
      if (item != null && !item.jid().equals(user)) {
        // Host items are settled relationships: never a pending request.
        byContact.putIfAbsent(item.jid(), item.withAsk(false));
      }
    }
    return byContact;
  }

  private static String version(String storeVersion, Map<Jid, RosterItem> host) {
    return host.isEmpty() ? storeVersion : storeVersion + "-" + digest(host);
  }

  // Stable across restarts (unlike hashCode of the enum inside RosterItem): SHA-256 over a
  // canonical text of the sorted items, shortened.
  private static String digest(Map<Jid, RosterItem> host) {
    TreeSet<String> lines = new TreeSet<>();
    for (RosterItem item : host.values()) {
      StringBuilder sb = new StringBuilder()
          .append(item.jid()).append('\0')
          .append(item.name() == null ? "" : item.name()).append('\0')
          .append(item.subscription().wireName()).append('\0')
          .append(item.approved());
      for (String group : new TreeSet<>(item.groups())) {
        sb.append('\0').append(group);
      }
      lines.add(sb.toString());
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String line : lines) {
        sha.update(line.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static StanzaErrorException error(StanzaError.Condition condition, String text) {
    return new StanzaErrorException(StanzaError.of(condition, text));
  }

  private <T> CompletableFuture<T> serially(Jid user, Supplier<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    lanes[Math.floorMod(user.hashCode(), LANES)].execute(() -> {
      try {
        result.complete(task.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }
}
