package io.parley.embedded.internal.feature.presence;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.util.Set;

/**
 * The subscription state machine of RFC 6121 Appendix A, as pure functions. A state is the
 * owner's roster item for a peer (subscription, {@code ask} = Pending Out, {@code approved}) plus
 * Pending In, which the server keeps apart from the roster (a request the owner has not answered).
 *
 * <p>"Outbound" is the owner's own subscription stanza about the peer (Appendix A.2); "inbound"
 * is the peer's stanza arriving at the owner (Appendix A.3).
 */
final class SubscriptionStates {
  private SubscriptionStates() {}

  /**
   * The outcome of one stanza.
   *
   * @param item the owner's item afterwards (null: none)
   * @param pendingIn whether the peer's request stays pending at the owner afterwards
   * @param forward whether the stanza goes on: routed to the peer (outbound) or delivered to the
   *     owner's resources (inbound)
   * @param autoReply inbound subscribe only: the owner's server answers {@code subscribed} itself
   */
  record Transition(RosterItem item, boolean pendingIn, boolean forward, boolean autoReply) {}

  /** Appendix A.2: the owner sends {@code type} about {@code peer}. */
  static Transition outbound(Presence.Type type, Jid peer, RosterItem item, boolean pendingIn) {
    return switch (type) {
      // A.2.1: Pending Out unless the owner already receives the peer's presence; always routed
      // (the peer's server answers a redundant request by itself, §3.1.3).
      case SUBSCRIBE -> {
        if (item == null) {
          yield new Transition(new RosterItem(peer, null, Subscription.NONE, true, false,
              Set.of()), pendingIn, true, false);
        }
        yield new Transition(item.subscription().hasTo() ? item : item.withAsk(true), pendingIn,
            true, false);
      }
      // A.2.2: cancels the owner's subscription to the peer and any Pending Out.
      case UNSUBSCRIBE -> new Transition(item == null ? null
          : item.withSubscription(withoutTo(item.subscription())).withAsk(false), pendingIn,
          true, false);
      // A.2.3: approves a pending request; with none it is a pre-approval (§3.4), not routed.
      case SUBSCRIBED -> {
        if (pendingIn) {
          RosterItem base = item == null ? RosterItem.of(peer, null, Set.of()) : item;
          yield new Transition(base.withSubscription(withFrom(base.subscription()))
              .withApproved(false), false, true, false);
        }
        if (item != null && item.subscription().hasFrom()) {
          yield new Transition(item, false, false, false);
        }
        RosterItem base = item == null ? RosterItem.of(peer, null, Set.of()) : item;
        yield new Transition(base.withApproved(true), false, false, false);
      }
      // A.2.4: denies a pending request or cancels the peer's subscription, and any
      // pre-approval; routed so that the peer's server updates its side.
      case UNSUBSCRIBED -> new Transition(item == null ? null
          : item.withSubscription(withoutFrom(item.subscription())).withApproved(false), false,
          true, false);
      default -> throw new IllegalArgumentException("not a subscription type: " + type);
    };
  }

  /** Appendix A.3: the peer's {@code type} stanza arrives at the owner. */
  static Transition inbound(Presence.Type type, RosterItem item, boolean pendingIn) {
    return switch (type) {
      case SUBSCRIBE -> {
        if (item != null && item.subscription().hasFrom()) {
          // A.3.1 From, From + Pending Out, Both: the server answers subscribed (§3.1.3).
          yield new Transition(item, false, false, true);
        }
        if (item != null && item.approved()) {
          // §3.4: a pre-approved request is accepted without asking the owner.
          yield new Transition(item.withSubscription(withFrom(item.subscription()))
              .withApproved(false), false, false, true);
        }
        // A.3.1: a new request is kept (Pending In) and delivered; a duplicate is not.
        yield new Transition(item, true, !pendingIn, false);
      }
      case UNSUBSCRIBE -> {
        // A.3.2: the peer no longer wants the owner's presence.
        boolean changed = pendingIn || (item != null && item.subscription().hasFrom());
        yield new Transition(item == null ? null
            : item.withSubscription(withoutFrom(item.subscription())), false, changed, false);
      }
      case SUBSCRIBED -> {
        // A.3.3: only an answer to the owner's pending request counts.
        if (item != null && item.askSubscribe() && !item.subscription().hasTo()) {
          yield new Transition(item.withSubscription(withTo(item.subscription())).withAsk(false),
              pendingIn, true, false);
        }
        yield new Transition(item, pendingIn, false, false);
      }
      case UNSUBSCRIBED -> {
        // A.3.4: denies the owner's request or cancels the owner's subscription.
        boolean changed = item != null && (item.askSubscribe() || item.subscription().hasTo());
        yield new Transition(changed ? item.withSubscription(withoutTo(item.subscription()))
            .withAsk(false) : item, pendingIn, changed, false);
      }
      default -> throw new IllegalArgumentException("not a subscription type: " + type);
    };
  }

  static boolean isSubscription(Presence.Type type) {
    return type == Presence.Type.SUBSCRIBE || type == Presence.Type.SUBSCRIBED
        || type == Presence.Type.UNSUBSCRIBE || type == Presence.Type.UNSUBSCRIBED;
  }

  private static Subscription withTo(Subscription s) {
    return s.hasFrom() ? Subscription.BOTH : Subscription.TO;
  }

  private static Subscription withFrom(Subscription s) {
    return s.hasTo() ? Subscription.BOTH : Subscription.FROM;
  }

  private static Subscription withoutTo(Subscription s) {
    return s.hasFrom() ? Subscription.FROM : Subscription.NONE;
  }

  private static Subscription withoutFrom(Subscription s) {
    return s.hasTo() ? Subscription.TO : Subscription.NONE;
  }
}
