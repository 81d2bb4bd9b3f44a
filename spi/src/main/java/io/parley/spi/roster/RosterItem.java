package io.parley.spi.roster;

import io.parley.spi.stanza.Jid;
import java.util.Objects;
import java.util.Set;

/**
 * One contact in a user's roster (RFC 6121 §2.1.2).
 *
 * @param jid the contact's bare JID
 * @param name the user's handle for the contact, or null
 * @param subscription none, to, from or both (RFC 6121 §2.1.2.5)
 * @param askSubscribe true while the user's subscription request is pending (ask='subscribe')
 * @param approved true when the user pre-approved the contact's subscription (RFC 6121 §3.4)
 * @param groups the groups the contact is in, possibly empty
 */
public record RosterItem(Jid jid, String name, Subscription subscription, boolean askSubscribe,
    boolean approved, Set<String> groups) {
  public RosterItem {
    Objects.requireNonNull(jid, "jid");
    if (!jid.isBare()) {
      throw new IllegalArgumentException("roster items are bare JIDs: " + jid);
    }
    subscription = subscription == null ? Subscription.NONE : subscription;
    groups = Set.copyOf(groups);
  }

  /** A contact with no subscription in either direction. */
  public static RosterItem of(Jid jid, String name, Set<String> groups) {
    return new RosterItem(jid, name, Subscription.NONE, false, false, groups);
  }

  public RosterItem withSubscription(Subscription s) {
    return new RosterItem(jid, name, s, askSubscribe, approved, groups);
  }

  public RosterItem withAsk(boolean ask) {
    return new RosterItem(jid, name, subscription, ask, approved, groups);
  }

  public RosterItem withApproved(boolean preApproved) {
    return new RosterItem(jid, name, subscription, askSubscribe, preApproved, groups);
  }

  /** The subscription states of RFC 6121 §2.1.2.5. */
  public enum Subscription {
    NONE, TO, FROM, BOTH;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the user receives the contact's presence. */
    public boolean hasTo() {
      return this == TO || this == BOTH;
    }

    /** Whether the contact receives the user's presence. */
    public boolean hasFrom() {
      return this == FROM || this == BOTH;
    }
  }
}
