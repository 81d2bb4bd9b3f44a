/**
 * The web app sample: a small team-collaboration app in embedded Jetty 12 that runs Parley in its
 * own JVM and serves XMPP over WebSocket (RFC 7395) from its own HTTP port at {@code /xmpp}.
 *
 * <p>People log in to the web app with a form; the page then asks the app for a short-lived,
 * single-use token and logs in to XMPP with SASL PLAIN and that token, so the page never holds
 * the password. Colleagues come from the app's {@link io.parley.samples.webapp.Directory} through
 * Parley's roster SPI: everyone in the same team sees everyone else, with a mutual subscription.
 * The page uses strophe.js 5.0.0 (MIT, from npm; the one minified file it ships is committed so
 * that building and running need no npm, and {@code samples/tools/update-strophe.sh} refreshes
 * it) over WebSocket, with BOSH at {@code /http-bind} (Parley's BOSH servlet) as the fallback.
 *
 * <p>Choices: the app listens on loopback only and plain {@code ws://} counts as secure
 * ({@code webSocketConsideredSecure}) because the traffic never leaves the machine; in production
 * the app sits behind a TLS-terminating proxy, which is what that option is for. The demo
 * directory is fixed and its passwords are printed on the login page: it is a demo, not an
 * account system.
 */
package io.parley.samples.webapp;
