/**
 * XMPP over WebSocket, RFC 7395 (October 2014): the stream adapter for Netty and the message
 * encoding the servlet adapter shares. The negotiation itself is the session core's
 * ({@code internal.stream}, framing {@code WEBSOCKET}).
 *
 * <p>Choices where the RFC leaves one: a text message is exactly one element and must start with
 * {@code <} (§3.3.1), so whitespace-only messages (keepalives, §3.7 forbids them) and text
 * outside the element are {@code not-well-formed}; two elements in one message and incomplete
 * ones too; an RFC 6120 {@code <stream:stream>} header, or any element other than
 * {@code <open/>} to start, is {@code invalid-namespace}; a second {@code <open/>} without a
 * restart is {@code bad-format}. Binary frames get {@code bad-format} and close status 1003. A
 * message over {@code maxStanzaBytes} (one frame by its header, or fragments added up) gets
 * {@code policy-violation} and close status 1009. Every stream error is followed by
 * {@code <close/>} and a close frame; a close frame from the client ends the stream implicitly.
 * Keepalives are WebSocket pings after {@code keepaliveInterval} of output silence; the idle
 * timeout ends the stream with {@code connection-timeout}. No STARTTLS (§3.8): a connection is
 * secure when it came over TLS, or when {@code webSocketConsideredSecure} says so (Prosody's
 * {@code consider_websocket_secure}, for a TLS-terminating proxy in front).
 *
 * <p>Not implemented: {@code see-other-uri} is supported by the core but nothing in Parley
 * redirects yet (no clustering); XEP-0198 resumption; permessage-deflate (extensions are off).
 */
package io.parley.embedded.internal.transport.websocket;
