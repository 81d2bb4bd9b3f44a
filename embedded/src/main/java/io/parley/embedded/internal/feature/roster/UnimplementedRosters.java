package io.parley.embedded.internal.feature.roster;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterProvider;
import io.parley.spi.stanza.Jid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placeholder until the roster feature lands: users' own items in memory (no store, no pushes),
 * merged with the host's {@link RosterProvider} items. TODO(roster): replace.
 */
@Singleton
final class UnimplementedRosters implements Rosters {
  private static final Logger log = LoggerFactory.getLogger(UnimplementedRosters.class);

  private final RosterProvider provider;
  private final Executor blocking;
  private final ConcurrentHashMap<Jid, Map<Jid, RosterItem>> own = new ConcurrentHashMap<>();

  @Inject
  UnimplementedRosters(ServerConfig config, @Blocking Executor blocking) {
    this.provider = config.rosterProvider();
    this.blocking = blocking;
  }

  @Override
  public CompletionStage<List<RosterItem>> roster(Jid user) {
    return CompletableFuture.supplyAsync(() -> merged(user), blocking);
  }

  @Override
  public CompletionStage<Optional<RosterItem>> item(Jid user, Jid contact) {
    return CompletableFuture.supplyAsync(() -> merged(user).stream()
        .filter(i -> i.jid().equals(contact)).findFirst(), blocking);
  }

  @Override
  public CompletionStage<Optional<RosterItem>> update(Jid user, Jid contact,
      UnaryOperator<RosterItem> change) {
    return CompletableFuture.supplyAsync(() -> {
      for (RosterItem h : hostItems(user)) {
        if (h.jid().equals(contact)) {
          return Optional.of(h);
        }
      }
      RosterItem[] after = new RosterItem[1];
      own.compute(user, (u, items) -> {
        Map<Jid, RosterItem> next = items == null ? new LinkedHashMap<>()
            : new LinkedHashMap<>(items);
        RosterItem changed = change.apply(next.get(contact));
        if (changed == null) {
          next.remove(contact);
        } else {
          next.put(contact, changed);
        }
        after[0] = changed;
        return next.isEmpty() ? null : Map.copyOf(next);
      });
      return Optional.ofNullable(after[0]);
    }, blocking);
  }

  private List<RosterItem> merged(Jid user) {
    Map<Jid, RosterItem> items = new LinkedHashMap<>(own.getOrDefault(user, Map.of()));
    for (RosterItem h : hostItems(user)) {
      items.put(h.jid(), h);
    }
    return new ArrayList<>(items.values());
  }

  private List<RosterItem> hostItems(Jid user) {
    if (provider == null) {
      return List.of();
    }
    try {
      List<RosterItem> items = provider.rosterOf(user);
      return items == null ? List.of() : items;
    } catch (RuntimeException e) {
      log.warn("roster provider failed for {}", user, e);
      return List.of();
    }
  }
}
