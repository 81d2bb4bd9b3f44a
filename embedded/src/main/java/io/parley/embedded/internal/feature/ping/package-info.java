/**
 * XEP-0199 XMPP Ping, v2.0.1: the server answers pings to itself and to accounts (on the user's
 * behalf, as Prosody does); pings to full JIDs are routed to the client.
 *
 * <p>Not implemented: server-initiated pings to clients (whitespace keepalives and the idle
 * timeout cover dead connections).
 */
package io.parley.embedded.internal.feature.ping;
