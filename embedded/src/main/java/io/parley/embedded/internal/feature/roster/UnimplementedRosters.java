package io.parley.embedded.internal.feature.roster;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import javax.inject.Inject;

/** Placeholder until the roster feature lands: every roster is empty. TODO(roster): replace. */
final class UnimplementedRosters implements Rosters {
  @Inject
  UnimplementedRosters() {}

  @Override
  public CompletionStage<List<RosterItem>> roster(Jid user) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletionStage<Optional<RosterItem>> item(Jid user, Jid contact) {
    return CompletableFuture.completedFuture(Optional.empty());
  }

  @Override
  public CompletionStage<Optional<RosterItem>> update(Jid user, Jid contact,
      UnaryOperator<RosterItem> change) {
    return CompletableFuture.completedFuture(Optional.ofNullable(change.apply(null)));
  }
}
