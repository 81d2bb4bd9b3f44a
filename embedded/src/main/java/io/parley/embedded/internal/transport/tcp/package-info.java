/**
 * TCP transports over Netty: port 5222 with STARTTLS (RFC 6120 §5) and XEP-0368 direct TLS on
 * 5223, whitespace keepalives and an idle timeout ({@code connection-timeout}). A connection's
 * mailbox stops draining while its write buffer is above the high-water mark.
 *
 * <p>Closing (RFC 6120 §4.4): Parley answers the peer's closing tag with its own, then TLS
 * close_notify (both in one write), and closes the TCP connection without waiting for the peer's
 * close_notify (RFC 8446 §6.1 lets either side close after sending its own). When the peer's
 * close_notify came with its closing tag, TLS no longer takes data, and Parley just closes.
 */
package io.parley.embedded.internal.transport.tcp;
