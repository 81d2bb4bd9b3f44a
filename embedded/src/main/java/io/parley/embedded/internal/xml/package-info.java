/**
 * XML for streams (RFC 6120 §11): the aalto-xml async parser fed from Netty buffers, framing
 * top-level elements into immutable elements, and the one escaping writer. Comments, processing
 * instructions, DTDs and non-predefined entities are {@code restricted-xml}; limits on stanza size
 * and depth end the stream with {@code policy-violation}.
 */
package io.parley.embedded.internal.xml;
