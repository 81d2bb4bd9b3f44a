/**
 * BOSH: XEP-0124 (Bidirectional-streams Over Synchronous HTTP, v1.11.2) with XEP-0206 (XMPP Over
 * BOSH, v1.4), as a transport of the one session core. {@link
 * io.parley.embedded.internal.transport.bosh.BoshSessions} is the connection manager, free of any
 * HTTP server: a binding (Netty's {@code HttpRequestHandler}, {@code ParleyBoshServlet}) passes
 * request bodies with a callback for the answer. One instance per server, shared by both.
 *
 * <p>Implemented: session creation (§7: {@code to}, {@code wait}, {@code hold} required;
 * {@code wait} capped by {@code boshMaxWait}, {@code hold} by {@code boshMaxHold}, {@code requests}
 * is {@code boshMaxRequests} but at least hold + 1; the response carries {@code sid},
 * {@code wait}, {@code requests}, {@code hold}, {@code inactivity}, {@code polling}, {@code ver},
 * {@code from}, {@code authid}, {@code secure} over HTTPS, {@code xmpp:version},
 * {@code xmpp:restartlogic} and the stream features); requests processed in {@code rid} order
 * within a window of {@code requests}, later ones buffered until the gap is filled (§14.1); a
 * repeated {@code rid} gets the same answer again while it is among the last {@code requests}
 * answers, a still-held one takes over the wait, an older one or one beyond the window ends the
 * session with {@code item-not-found} (§14.3, §17.2); more held requests than {@code hold} answer
 * the oldest (§11); a held request comes back empty after {@code wait}; no request for
 * {@code boshInactivity} ends the session like a dropped TCP connection (unavailable presence);
 * {@code xmpp:restart} (XEP-0206 §5); {@code type='terminate'} from the client (§13); stream
 * errors as {@code remote-stream-error} with the {@code <stream:error/>} (XEP-0206 §6); unknown
 * {@code sid} → {@code item-not-found}, malformed bodies → {@code bad-request}, another domain →
 * {@code host-unknown}.
 *
 * <p>Choices: terminal conditions are HTTP 200 bodies as §17.2 prescribes (the legacy HTTP
 * 400/404 codes of §17.1 are not used); a body over {@code maxStanzaBytes} is HTTP 413 from the
 * HTTP layer; the manager answers held requests oldest first; {@code polling} is advertised as 2
 * s but not enforced; the session runs on the event loop of the connection that created it.
 *
 * <p>Not implemented: {@code pause} (§10), {@code key} sequences (§15), {@code ack} and
 * {@code report} (§9.2), {@code stream} multiplexing (§16), {@code route}, {@code content} and
 * {@code charsets} other than UTF-8, the overactivity {@code policy-violation} rule (§12; the rid
 * window bounds what a client can queue instead), STARTTLS (XEP-0206: HTTPS instead).
 */
package io.parley.embedded.internal.transport.bosh;
