/**
 * The client stream (RFC 6120 §4–§7), independent of transport: stream headers and errors,
 * STARTTLS, SASL, resource binding, then stanzas to the router.
 *
 * <p>Choices: a missing or foreign {@code to} on the header is {@code host-unknown}; a missing
 * version {@code unsupported-version}; stanzas before binding {@code not-authorized}; a
 * {@code from} other than the session's own bare or full JID {@code invalid-from}; after
 * {@code maxAuthAttempts} failed SASL attempts the stream ends with {@code policy-violation}.
 * Not implemented yet: XEP-0198 stream management, channel binding (-PLUS mechanisms).
 */
package io.parley.embedded.internal.stream;
