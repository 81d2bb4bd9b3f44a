/**
 * SASL authentication of client streams (RFC 6120 §6, RFC 4422): SCRAM-SHA-1 (RFC 5802),
 * SCRAM-SHA-256 (RFC 7677) and PLAIN (RFC 4616, TLS only).
 *
 * <p>Not implemented: the -PLUS variants and channel binding (a client that requires it with
 * gs2 flag "p" is refused), SCRAM extensions (ignored, "m" fails), authorizing as another user
 * (authzid must be absent or the user's own bare JID), EXTERNAL, ANONYMOUS.
 */
package io.parley.embedded.internal.sasl;
