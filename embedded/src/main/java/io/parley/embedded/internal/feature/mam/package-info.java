/**
 * XEP-0313 Message Archive Management, v1.1.3, for user archives ({@code urn:xmpp:mam:2} and
 * {@code urn:xmpp:mam:2#extended}, advertised on the user's bare JID, §8), with XEP-0059 Result
 * Set Management v1.0, XEP-0441 archiving preferences v0.2, and XEP-0359 Unique and Stable Stanza
 * IDs v0.7.
 *
 * <p>Covered: queries (§4) by {@code with} (bare: every resource; full: that resource),
 * {@code start}/{@code end} (inclusive, XEP-0082), {@code after-id}/{@code before-id}
 * (exclusive) and {@code ids}; paging with {@code <max/>}, {@code <after/>}, {@code <before/>}
 * and an empty {@code <before/>} for the last page; {@code <flip-page/>}; the query form on
 * {@code get} (§4.1.5); metadata (§5); preferences get and set; results as forwarded messages
 * with a delay stamp sent to the requesting resource before the IQ result, whose
 * {@code <fin complete='true'>} marks the end in the direction of paging.
 *
 * <p>Errors: another user's archive (query, preferences, metadata) is {@code forbidden}; a form
 * not of type submit, a missing or wrong FORM_TYPE, a field given twice or with two values, a bad
 * JID or timestamp, an empty value among {@code ids}, an empty {@code <after/>}, a non-numeric or negative max, {@code after} together with
 * {@code before}, and a preferences set without a valid {@code default} are
 * {@code bad-request}; a JID in the preferences that is not one is {@code jid-malformed}; an
 * unknown form field or an RSM {@code <index/>} is {@code feature-not-implemented}; an id named
 * by {@code after-id}, {@code before-id}, {@code ids}, {@code <after/>} or {@code <before/>}
 * that is not in the archive is {@code item-not-found}; a metadata set is {@code bad-request}.
 * A {@code <max/>} above the server's limit ({@code archiveMaxPageSize}, default 100) is
 * lowered to it, and a query without one gets that many (XEP-0059 §2.1): the client pages on. A
 * field without a value (or an empty one) filters nothing.
 *
 * <p>What is archived (§7.1.1): chat and normal messages with a body (or a XEP-0334
 * {@code <store/>} hint), never groupchat, headline or error, nor with {@code <no-store/>} or
 * {@code <no-permanent-store/>}; for each party that is an existing local account: the sender's
 * archive when a local session sends it (if the router can deliver it: our domain or a local
 * service's), the recipient's when it is routed to the account, whether it reaches a resource
 * or offline storage. A message to one's own account is archived once. The recipient's copy
 * carries {@code <stanza-id xmlns='urn:xmpp:sid:0' id by='user'/>}, the archive id; stanza IDs
 * a client sent claiming this domain are removed, and so are any claiming the recipient (XEP-0359
 * §7). The stored stanza is the one delivered.
 *
 * <p>Choices: the hook is in the router (not the interceptor chain), called once per routed
 * message on the sender's thread, after the interceptors (so what blocking refuses is never
 * archived) and before delivery. Appends run on the blocking executor in per-user lanes (64
 * serial executors users share). Event loops reach the lanes through a lock-free queue and one
 * hand-off thread (submitting to the executor takes its queue's locks, which can park a thread
 * under load); the router queues the append before it delivers, and queries
 * for a user run in the same lane, so an archive is in routing order and a query sees every
 * message routed to or from the user before it (read-your-writes). Timestamps are the time of
 * the append, in milliseconds, non-decreasing per archive; ids are 128 random bits. Preferences
 * are decided twice: at routing from the preferences cached for online users (a message the
 * cache excludes gets no stanza-id), and in the lane with the stored ones and, for
 * {@code default='roster'}, the roster (the user's own items and the host's), where the message
 * is dropped if they exclude it. A JID on both lists is not archived. Retention
 * ({@code archiveRetention}, server-wide and per user) is enforced before each query or
 * metadata read of the archive, and by a sweep every {@code archiveSweepInterval} over the
 * archives used since start. An account's deletion removes its archive and preferences. The
 * built-in in-memory store keeps the newest {@code archiveMemoryLimit} messages per user
 * (default 10,000).
 *
 * <p>Not implemented: MUC and pubsub archives; groupchat in user archives
 * ({@code include-groupchat}); RSM {@code <count/>} and {@code <first index/>} (the store SPI
 * has no count; both are optional, §4.3.2) and so {@code <max>0</max>} answers no count;
 * out-of-order pages by {@code <index/>}; XEP-0359 {@code <origin-id/>} handling beyond keeping
 * it; stanza IDs on carbons of sent messages; the sweep does not visit archives untouched since
 * start (they are cleaned on their next use). Known gaps of the routing-time decision: a
 * message to an offline user whose stored preferences exclude the contact, or a contact outside
 * the roster under {@code default='roster'}, still carries a stanza-id that no archive holds;
 * a message the recipient's full mailbox refuses is archived anyway.
 */
package io.parley.embedded.internal.feature.mam;
