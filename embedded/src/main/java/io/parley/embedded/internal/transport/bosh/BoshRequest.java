package io.parley.embedded.internal.transport.bosh;

import java.net.SocketAddress;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where one BOSH request came from.
 *
 * @param secure whether it arrived encrypted (HTTPS), or counts as such
 * @param remoteAddress the HTTP client's address
 * @param executor a single-threaded executor a session created by this request runs on (its
 *     stream processing and its timers): the connection's event loop under Netty
 */
public record BoshRequest(boolean secure, SocketAddress remoteAddress,
    ScheduledExecutorService executor) {}
