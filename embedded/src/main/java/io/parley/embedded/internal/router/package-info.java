/**
 * Stanza routing (RFC 6120 §10, RFC 6121 §8) and the IQ handler registry. Runs on the sender's thread and never blocks: delivery is an offer to a mailbox.
 *
 * <p>Choices where the RFCs leave one, as Prosody and ejabberd do: a bare-JID message goes to all
 * resources sharing the highest non-negative priority; messages to an account without an
 * available resource go to offline storage ({@link UndeliverableMessages}); a response to an IQ without {@code to} carries no {@code from}; other domains get
 * {@code remote-server-not-found} (no federation yet). A recipient whose mailbox is full gets
 * nothing more: messages and requests are answered {@code resource-constraint}, and an IQ
 * response it cannot take ends its session with the {@code resource-constraint} stream error.
 */
package io.parley.embedded.internal.router;
