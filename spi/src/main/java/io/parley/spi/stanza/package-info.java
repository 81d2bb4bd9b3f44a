/**
 * Immutable XMPP values shared by the host and the server: JIDs (RFC 7622), XML elements, and the
 * three stanza kinds of RFC 6120 §8 with their errors.
 *
 * <p>Not kept: namespace prefixes (a serializer chooses them) and attributes on the stanza
 * envelope other than {@code to}, {@code from}, {@code id}, {@code type} and {@code xml:lang}.
 */
package io.parley.spi.stanza;
