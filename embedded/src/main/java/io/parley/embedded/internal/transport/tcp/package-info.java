/**
 * TCP transports over Netty: port 5222 with STARTTLS (RFC 6120 §5) and XEP-0368 direct TLS on
 * 5223, whitespace keepalives and an idle timeout ({@code connection-timeout}). A connection's
 * mailbox stops draining while its write buffer is above the high-water mark.
 */
package io.parley.embedded.internal.transport.tcp;
