package io.parley.embedded.internal.feature.presence;

import io.parley.embedded.internal.feature.presence.SubscriptionStates.Transition;
import io.parley.embedded.internal.feature.roster.Rosters;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Presence subscriptions between local accounts (RFC 6121 §3): the user's server side and the
 * contact's server side of every subscription stanza, and presence probes (§4.3). Roster changes
 * run through {@link Rosters#update} (which pushes them); all work for one roster owner is
 * sequenced, so the owner's Pending In and roster change together.
 */
@Singleton
final class SubscriptionHandler {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final Rosters rosters;
  private final PendingSubscriptions pending;
  private final OnlineContacts online;
  private final LocalDelivery delivery;
  private final Accounts accounts;
  private final Sequencer sequencer;

  @Inject
  SubscriptionHandler(Rosters rosters, PendingSubscriptions pending, OnlineContacts online,
      LocalDelivery delivery, Accounts accounts, Sequencer sequencer) {
    this.rosters = rosters;
    this.pending = pending;
    this.online = online;
    this.delivery = delivery;
    this.accounts = accounts;
    this.sequencer = sequencer;
  }

  /**
   * A subscription stanza a user sent (RFC 6121 §3.1.2, §3.2.2, §3.3.2, §3.1.5, §3.4): changes
   * the user's roster, then goes to the contact's bare JID from the user's bare JID.
   */
  void outbound(Presence stanza, Jid user) {
    Jid contact = stanza.to().asBare();
    if (contact.equals(user)) {
      return; // an account always has its own presence: nothing to subscribe to
    }
    Presence stamped = new Presence(contact, user, stanza.id(), stanza.type(), stanza.lang(),
        stanza.children());
    sequencer.run(user, () -> change(user, contact, null,
        (item, pendingIn) -> SubscriptionStates.outbound(stanza.type(), contact, item, pendingIn),
        (t, before) -> {
          if (t.forward()) {
            inbound(stamped);
          }
        }));
  }

  /**
   * A subscription stanza arriving at a local account from another's bare JID (RFC 6121 §3.1.3,
   * §3.1.6, §3.2.3, §3.3.3). Stanzas to accounts that do not exist are ignored (§8.5.1).
   */
  void inbound(Presence stanza) {
    Jid owner = stanza.to().asBare();
    Jid peer = stanza.from().asBare();
    Presence addressed = stanza.withAddresses(owner, peer);
    sequencer.run(owner, () -> accounts.exists(owner).thenCompose(exists -> {
      if (!exists) {
        return DONE;
      }
      return change(owner, peer, addressed,
          (item, pendingIn) -> SubscriptionStates.inbound(stanza.type(), item, pendingIn),
          (t, before) -> {
            if (t.forward()) {
              // A subscribe with no available resource waits in PendingSubscriptions.
              delivery.toAvailable(owner, addressed);
            }
            if (t.autoReply()) {
              inbound(new Presence(peer, owner, null, Presence.Type.SUBSCRIBED, null,
                  List.of()));
              if (before != null && before.subscription().hasFrom()) {
                // Like an approval (§3.1.5); a pre-approval gains From and sends it below.
                sequencer.run(peer, () -> {
                  delivery.presenceOf(owner, peer);
                  return DONE;
                });
              }
            }
          });
    }));
  }

  /**
   * A probe from {@code prober} for {@code contact}'s presence (RFC 6121 §4.3.2): the last
   * presence of each available resource, else unavailable; an unsubscribed prober gets
   * {@code unsubscribed}; a probe for an account that does not exist is ignored (§8.5.1).
   */
  void probe(Jid prober, Jid contact) {
    Jid user = prober.asBare();
    if (user.equals(contact)) {
      answerProbe(prober, contact);
      return;
    }
    accounts.exists(contact).thenCompose(exists -> !exists ? DONE
        : rosters.item(contact, user).thenAccept(item -> {
          if (item.isPresent() && item.get().subscription().hasFrom()) {
            answerProbe(prober, contact);
          } else {
            inbound(new Presence(user, contact, null, Presence.Type.UNSUBSCRIBED, null,
                List.of()));
          }
        }));
  }

  private void answerProbe(Jid prober, Jid contact) {
    if (delivery.presenceOf(contact, prober) == 0) {
      delivery.deliver(prober, new Presence(prober, contact, null, Presence.Type.UNAVAILABLE,
          null, List.of()));
    }
  }

  /**
   * Applies one rule to the owner's item for the peer and Pending In, lets {@code then} forward
   * the stanza (it gets the transition and the item before), then does what follows from a changed subscription: the owner's cached contacts,
   * and presence to the peer when it gains or loses the owner's presence (RFC 6121 §3.1.5,
   * §3.2.2, §3.3.3).
   *
   * @param request the subscribe stanza to keep while it is pending, for inbound rules
   */
  private CompletionStage<Void> change(Jid owner, Jid peer, Presence request,
      BiFunction<RosterItem, Boolean, Transition> rule,
      BiConsumer<Transition, RosterItem> then) {
    return pending.has(owner, peer).thenCompose(
        pendingIn -> change(owner, peer, request, rule, then, pendingIn));
  }

  private CompletionStage<Void> change(Jid owner, Jid peer, Presence request,
      BiFunction<RosterItem, Boolean, Transition> rule,
      BiConsumer<Transition, RosterItem> then, boolean pendingIn) {
    AtomicReference<RosterItem> before = new AtomicReference<>();
    AtomicReference<Transition> decided = new AtomicReference<>();
    return rosters.update(owner, peer, item -> {
      Transition t = rule.apply(item, pendingIn);
      before.set(item);
      decided.set(t);
      return t.item();
    }).thenCompose(after -> {
      Transition t = decided.get();
      if (t == null) {
        // A host item: read-only, but its state still decides what the stanza does.
        RosterItem host = after.orElse(null);
        Transition ruled = rule.apply(host, pendingIn);
        t = new Transition(host, ruled.pendingIn(), ruled.forward(), ruled.autoReply());
        before.set(host);
      }
      CompletionStage<Void> kept = DONE;
      if (t.pendingIn() && !pendingIn && request != null) {
        kept = pending.put(owner, peer, request);
      } else if (!t.pendingIn() && pendingIn) {
        kept = pending.remove(owner, peer);
      }
      Transition decision = t;
      // Forwarded once the request is stored: a user told nothing yet loses nothing on a crash.
      return kept.thenRun(() -> {
        then.accept(decision, before.get());
        subscriptionChanged(owner, peer, before.get(), after.orElse(null));
      });
    });
  }

  private void subscriptionChanged(Jid owner, Jid peer, RosterItem before, RosterItem after) {
    boolean fromBefore = before != null && before.subscription().hasFrom();
    boolean fromAfter = after != null && after.subscription().hasFrom();
    boolean toBefore = before != null && before.subscription().hasTo();
    boolean toAfter = after != null && after.subscription().hasTo();
    if (fromBefore == fromAfter && toBefore == toAfter) {
      return;
    }
    Contacts contacts = online.get(owner);
    if (contacts != null) {
      contacts.update(peer, fromAfter, toAfter);
    }
    // Queued behind the stanza just forwarded to the peer, so the peer's resources see the
    // subscription change before the presence it explains.
    if (fromAfter && !fromBefore) {
      sequencer.run(peer, () -> {
        delivery.presenceOf(owner, peer);
        return DONE;
      });
    } else if (fromBefore && !fromAfter) {
      sequencer.run(peer, () -> {
        delivery.unavailableOf(owner, peer);
        return DONE;
      });
    }
  }
}
