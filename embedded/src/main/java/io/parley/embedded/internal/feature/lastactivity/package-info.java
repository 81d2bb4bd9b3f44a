/**
 * XEP-0012 Last Activity, v2.0: the server answers for itself (uptime in seconds since it
 * started, §5) and for accounts (§3): {@code seconds='0'} while the user has an available
 * resource, else the seconds since the user's last session ended, with the status text of the
 * unavailable presence it sent, if any. Queries to full JIDs are routed to the client (§4).
 *
 * <p>Errors: a requester who is neither the user nor subscribed to the user's presence (the
 * user's roster item for them has subscription from or both) gets {@code forbidden} (§3, §7); an
 * account that does not exist is {@code service-unavailable} (RFC 6121 §8.5.1); a user with no
 * logout recorded is {@code service-unavailable} (as ejabberd); a set is {@code bad-request}.
 *
 * <p>Logouts are kept in the {@code LastActivityStore} (the database by default), written behind
 * on the blocking executor ({@code Logouts}): the logouts that happen while a write is under way
 * go together in the next one, so a burst of disconnects costs a few commits; until written they
 * are answered from memory.
 *
 * <p>Not implemented: XEP-0016/XEP-0191 blocking does not yet restrict the answer (§7).
 */
package io.parley.embedded.internal.feature.lastactivity;
