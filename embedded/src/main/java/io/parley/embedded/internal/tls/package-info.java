/**
 * TLS for client streams (RFC 6120 §5, RFC 9325): TLS 1.3 and 1.2 only, BoringSSL
 * (netty-tcnative) where it loads, else the JDK provider, with the
 * host's PEM key and chain or a persistent self-signed certificate.
 *
 * <p>No TLS 1.3 session tickets unless the host asks for them ({@code tlsSessionTickets}), as
 * Prosody and ejabberd, which both set {@code SSL_OP_NO_TICKET}: making and sending two tickets
 * costs every full handshake (1.5 % of the server's CPU in a login benchmark's profile), and an
 * XMPP client holds its stream for long, so few handshakes could resume. With BoringSSL this
 * means no TLS 1.3 resumption at all (it resumes TLS 1.3 only from tickets); TLS 1.2 clients may
 * still resume by session id.
 *
 * <p>Not implemented: certificate reloading without restart, OCSP stapling, SNI with several
 * certificates, client certificates (SASL EXTERNAL), channel-binding data.
 */
package io.parley.embedded.internal.tls;
