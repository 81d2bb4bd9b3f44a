/**
 * TLS for client streams (RFC 6120 §5, RFC 9325): TLS 1.3 and 1.2 only, BoringSSL
 * (netty-tcnative) where it loads, else the JDK provider, with the
 * host's PEM key and chain or a persistent self-signed certificate.
 *
 * <p>Not implemented: certificate reloading without restart, OCSP stapling, SNI with several
 * certificates, client certificates (SASL EXTERNAL), channel-binding data.
 */
package io.parley.embedded.internal.tls;
