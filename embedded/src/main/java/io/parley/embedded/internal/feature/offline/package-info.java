/**
 * XEP-0160 Best Practices for Handling Offline Messages, v1.0.1, with XEP-0203 Delayed Delivery
 * v2.0 stamps and the storage hints of XEP-0334 Message Processing Hints v1.0.0.
 *
 * <p>A normal or chat message to an existing account with no available non-negative resource is
 * stored (host {@code OfflineStore}, else in memory) with
 * {@code <delay xmlns='urn:xmpp:delay' from='domain' stamp='…'>Offline Storage</delay>}, and
 * delivered in order to the first resource that sends non-negative initial presence. Server
 * disco advertises {@code msgoffline}.
 *
 * <p>Choices (as Prosody and ejabberd do): an unknown account, a full queue
 * ({@code maxOfflineMessages}) and a {@code <no-store/>} hint answer the sender
 * {@code service-unavailable} (XEP-0160 §2, RFC 6121 §8.5.2.2.1); {@code <store/>} stores even a
 * message we would skip; {@code <no-permanent-store/>} still allows offline storage (it is
 * temporary). Messages with nothing but chat states, hints or a thread are dropped silently
 * (XEP-0160 §3, XEP-0085). Messages a full or closing session could not take are stored again,
 * at the end of the queue and beyond the limit, so none is lost.
 *
 * <p>Not implemented: XEP-0013 flexible offline retrieval, XEP-0079 error storage, expiry of old
 * messages, and deleting an account's queue when the account is deleted (no account deletion
 * yet).
 */
package io.parley.embedded.internal.feature.offline;
