/**
 * Parley's HTTP listeners over Netty: XMPP over WebSocket (RFC 7395) at {@code webSocketPath}
 * and XEP-0156 (v1.4.0) discovery at {@code /.well-known/host-meta} (XRD) and
 * {@code /.well-known/host-meta.json} (JRD), with CORS for the latter (allowed origins from
 * {@code corsOrigins}, default {@code *} like Prosody). The same origin list gates WebSocket
 * upgrades that carry an {@code Origin} header (403 otherwise).
 *
 * <p>Choices: the advertised WebSocket URLs are {@code webSocketUrl} when configured (for a
 * reverse proxy), otherwise one per listener at the host the request named. 404 for unknown
 * paths, 405 (with {@code Allow}) for other methods, 426 for a plain GET at the WebSocket path,
 * 400 for an upgrade without the {@code xmpp} subprotocol (RFC 7395 §3.1; Prosody answers 501),
 * 426 with {@code Sec-WebSocket-Version: 13} for other WebSocket versions, 413 for a request
 * body over {@code maxStanzaBytes}. Idle keep-alive connections close after {@code idleTimeout}.
 *
 * <p>BOSH (XEP-0124/0206, see the {@code transport.bosh} package) is served at {@code boshPath}
 * (POST, OPTIONS preflight; 405 otherwise, 403 for a disallowed origin) and advertised in
 * host-meta as {@code urn:xmpp:alt-connections:xbosh}. Not implemented: HTTP/2, trusting {@code X-Forwarded-*} headers.
 */
package io.parley.embedded.internal.transport.http;
