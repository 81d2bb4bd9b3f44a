/**
 * Parley inside servlet containers: a Jakarta WebSocket (2.1) endpoint for XMPP over WebSocket
 * (RFC 7395) that a web app registers with {@link ParleyWebSocket#endpointConfig}, over the same
 * session core and RFC 7395 framing as Parley's own HTTP listener. {@code jakarta.websocket-api}
 * is an optional dependency: hosts without a container never load this package. BOSH
 * (XEP-0124/XEP-0206) is {@link ParleyBoshServlet}, a Jakarta Servlet 6 servlet with async
 * processing over the same BOSH connection manager as the built-in listener
 * ({@code jakarta.servlet-api}, likewise optional); CORS for it is the container's business.
 */
package io.parley.embedded.servlet;
