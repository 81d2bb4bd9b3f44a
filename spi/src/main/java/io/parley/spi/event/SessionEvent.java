package io.parley.spi.event;

import io.parley.spi.stanza.Jid;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A client session that started or ended.
 *
 * @param jid the session's full JID
 * @param transport how it is connected: {@code tcp}, {@code tls} (XEP-0368 direct TLS) or
 *     {@code in-process}; later transports add their own names
 * @param remoteAddress the peer's address, or null for in-process sessions
 * @param time when it happened
 */
public record SessionEvent(Jid jid, String transport, SocketAddress remoteAddress, Instant time) {
  public SessionEvent {
    Objects.requireNonNull(jid, "jid");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(time, "time");
  }
}
