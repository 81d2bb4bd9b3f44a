/**
 * Stanza routing (RFC 6120 §10, RFC 6121 §8), the IQ handler registry and the interceptor
 * chain. Runs on the sender's thread and never blocks: delivery is an offer to a mailbox.
 *
 * <p>Choices where the RFCs leave one, as Prosody and ejabberd do: a bare-JID message goes to all
 * resources sharing the highest non-negative priority; messages to a known account without an
 * available resource are answered {@code service-unavailable} until offline storage exists; a
 * response to an IQ without {@code to} carries no {@code from}; other domains get
 * {@code remote-server-not-found} (no federation yet).
 */
package io.parley.embedded.internal.router;
