/**
 * RFC 6121 (XMPP IM, March 2011) §3 presence subscriptions and §4 presence exchange, between the
 * accounts of this server.
 *
 * <p>Covered: the subscription state machine of Appendix A for subscribe, subscribed,
 * unsubscribe and unsubscribed at the user's and at the contact's server (both are this server),
 * with the user's bare JID stamped as {@code from} (§3.1.2); Pending In kept and delivered to the
 * contact's next available resource (§3.1.3); automatic {@code subscribed} when the contact
 * already has From or Both, or pre-approved (§3.1.3, §3.4, advertised as the
 * {@code urn:xmpp:features:pre-approval} stream feature); the contact's presence sent on approval
 * and unavailable on cancellation (§3.1.5, §3.2.2, §3.3.3). Initial presence, updates and
 * unavailable broadcast to From/Both contacts and to all of the user's available resources,
 * including the sender (§4.2.2, §4.4.2, §4.5.2); the contacts' presence for a new resource
 * (§4.2.2, §4.3); probes from clients (§4.3.2: each available resource's last presence, else
 * unavailable, and {@code unsubscribed} to a prober without a subscription); directed presence
 * and the unavailable it owes when the session goes (§4.6); unavailable for sessions that end for
 * any reason (§4.5.2); no more presence to an entity that answered with a presence error (§4.4.2).
 * Host {@link io.parley.spi.event.PresenceListener}s hear every broadcast change.
 *
 * <p>Choices: stanzas to accounts that do not exist are silently ignored (§8.5.1 allows it for
 * every presence type; it does not reveal which accounts exist). An account exists if it has a
 * bound session (host sessions need no credentials) or the credential store knows it. Broadcast
 * presence is addressed to each subscriber's bare JID, as a contact's server would receive it.
 * The server answers its own probes at initial presence locally: from the available contacts'
 * cached rosters (do they grant From?) and sessions, and sends nothing for contacts with no
 * available resource (the new resource starts with all contacts unavailable). A duplicate subscribe while one is pending is not delivered
 * again (Appendix A.3.1), but every pending request is delivered to each newly available resource
 * (as Prosody). Subscribing to one's own JID is ignored. Presence is not queued for a full
 * mailbox: it is state, and the next broadcast replaces it.
 *
 * <p>Performance: a broadcast reads an immutable array of the user's subscribers, loaded once
 * from the roster when the user's first resource becomes available and changed by subscription
 * changes; it never calls the roster store.
 *
 * <p>Pending subscription requests are kept in the {@code SubscriptionRequestStore} (the database
 * by default) before the request is forwarded, and delivered again at each initial presence.
 *
 * <p>Not implemented: federation (contacts on other domains get nothing; no probes to them); the last
 * unavailable presence and its {@code <delay/>} in probe answers (XEP-0203); refreshing the cached
 * subscribers when the host's {@code RosterProvider} changes ({@code Parley.rosterChanged} reaches
 * the roster feature only); a probe to a full JID is answered for the whole account.
 */
package io.parley.embedded.internal.feature.presence;
