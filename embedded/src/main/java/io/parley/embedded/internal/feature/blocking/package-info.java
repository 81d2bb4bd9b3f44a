/**
 * XEP-0191 Blocking Command, v1.3: retrieving the block list (§3.2), blocking (§3.3),
 * unblocking some or all JIDs (§3.4, §3.5) with pushes to every resource that requested the
 * list, the JID matching rules of §4, and enforcement in both directions by a built-in
 * interceptor. Lists are kept in the {@code BlockListStore} (in memory by default).
 *
 * <p>Choices: commands are answered for the user's own account only ({@code forbidden} for
 * another's); a {@code block} with no item is {@code bad-request}, an item without {@code jid}
 * {@code bad-request}, an invalid JID {@code jid-malformed}; a blocked contact's messages and IQ
 * get/set are answered {@code service-unavailable} and its presence dropped (the user appears
 * offline); what the user sends to a blocked JID is answered {@code not-acceptable} with
 * {@code <blocked xmlns='urn:xmpp:blocking:errors'/>} (type {@code cancel}, as in the XEP's
 * example) for messages and IQ requests, and dropped for presence, errors and IQ responses. On
 * block, unavailable presence goes from each available resource to each newly blocked contact
 * with a {@code from}/{@code both} subscription (read through {@code Rosters}); on unblock, the
 * current presence. Polite blocking: subscriptions are kept (§5).
 *
 * <p>Not covered:
 * <ul>
 *   <li>Enforcement reads the cached lists of users with at least one bound session (loaded off
 *       the event loop when the first session binds). Stanzas to a user with no session are not
 *       checked against that user's list: messages for an offline user reach offline storage
 *       (or the router's error), and the check applies when the user's next session is bound
 *       and its list loaded. A stanza sent in the moment between a user's bind and the load is
 *       not checked either; clients that fetch the list first (as §3.2 recommends) are
 *       protected once they have the answer.
 *   <li>Stanzas the server itself generates (for example presence broadcasts, roster pushes)
 *       do not pass the interceptor; the presence feature decides what it broadcasts.
 *   <li>Presence to contacts that only received directed presence (RFC 6121 §4.6) on block.
 *   <li>XEP-0016 privacy lists; a limit on the size of a block list.
 *   <li>Subdomains of a blocked domain are not blocked (v1.3 dropped them from §4).
 * </ul>
 */
package io.parley.embedded.internal.feature.blocking;
