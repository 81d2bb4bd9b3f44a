package io.parley.embedded.internal.feature.roster;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * Users' rosters as the other features see them (presence subscriptions, blocking, last
 * activity): the user's own items merged with the host's. Store and provider calls run on the
 * blocking executor; the stages complete there.
 */
public interface Rosters {
  /** The merged roster of a user (bare JID). */
  CompletionStage<List<RosterItem>> roster(Jid user);

  /** The merged item for one contact, if the user has one. */
  CompletionStage<Optional<RosterItem>> item(Jid user, Jid contact);

  /**
   * Changes the user's own item for a contact atomically (per user): {@code change} gets the
   * current item (null if none) and returns the new one, or null to remove it. A changed item is
   * pushed to the user's interested resources (RFC 6121 §2.1.6). Host items are read-only: for
   * them {@code change} is not called and the host item is returned as it is. Returning an equal
   * item changes nothing and pushes nothing. Adding an item to a roster that holds
   * {@code maxRosterItems} items of the user's own fails the stage with a
   * {@link io.parley.spi.handler.StanzaErrorException} ({@code not-allowed}).
   *
   * @return the item after the change, empty if there is none
   */
  CompletionStage<Optional<RosterItem>> update(Jid user, Jid contact,
      UnaryOperator<RosterItem> change);
}
