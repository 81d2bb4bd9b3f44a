/**
 * Rosters: RFC 6121 §2 (roster get, set, remove, pushes, versioning) and XEP-0237 Roster
 * Versioning v1.3, with the host's read-only items from the {@code RosterProvider} merged in.
 *
 * <p>Coverage of RFC 6121 §2:
 * <ul>
 *   <li>§2.1.3/§2.2 roster get: answered from the store plus the host's items; the requesting
 *       resource becomes interested. §2.1.5: a get or set addressed to another account gets
 *       {@code forbidden}.
 *   <li>§2.1.6 pushes: to every interested resource, without {@code from} (the user's bare JID
 *       implicitly, which is what clients accept), with {@code ver}.
 *   <li>§2.3/§2.4 add and update: exactly one item ({@code bad-request} otherwise); duplicate
 *       groups {@code bad-request}; empty groups, names or groups longer than 1024 characters
 *       {@code not-acceptable}; 'subscription' other than "remove", 'ask' and 'approved' are
 *       ignored (§2.1.2). Every set is pushed, changed or not.
 *   <li>§2.5 remove: {@code item-not-found} for an unknown contact; the removal is pushed, and
 *       {@code unsubscribe}/{@code unsubscribed} go from the user's bare JID to the contact where
 *       a subscription (or a pending request) existed (§2.5.2). The RFC does not order the
 *       result and the contact's processing; like Prosody, the result is sent once a local
 *       contact's side has processed the cancellations, so a contact removed and added again at
 *       once sees {@code unsubscribe} before the new {@code subscribe}.
 *   <li>§2.6 versioning: {@code <ver xmlns='urn:xmpp:features:rosterver'/>} is offered after
 *       authentication; a get whose {@code ver} equals the current version gets an empty result.
 *       Otherwise the whole roster is returned (never a series of pushes).
 * </ul>
 *
 * <p>Choices where the RFC leaves one (following Prosody): the account's own JID as an item,
 * a roster change of a host item, and adding to a roster that holds {@code maxRosterItems} items
 * of the user's own all get {@code not-allowed}; a full JID as an item is {@code bad-request} and
 * an unparsable one {@code jid-malformed}; an empty name means no name. The version is the
 * store's, followed by a digest of the host items when there are any, so host changes made while
 * a client was away invalidate its cache. Host items never carry ask='subscribe'; a host item
 * replaces the user's own item for the same contact, and removing it from the host reveals the
 * user's item again (pushed as such). Roster work runs on 64 serial lanes of the blocking
 * executor, one lane per user.
 *
 * <p>Not implemented: subscription semantics (presence feature, which calls
 * {@link io.parley.embedded.internal.feature.roster.Rosters#update}); interrupting pending
 * inbound subscription requests on removal (kept by the presence feature); roster versioning
 * by incremental pushes; XEP-0321 remote roster management; XEP-0083 nested groups;
 * XEP-0144 roster item exchange. Known race: a roster change that completes within microseconds
 * after a roster get may be pushed before that get's result reaches the client.
 */
package io.parley.embedded.internal.feature.roster;
