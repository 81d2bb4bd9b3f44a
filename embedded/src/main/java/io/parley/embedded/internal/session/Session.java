package io.parley.embedded.internal.session;

import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;

/**
 * A bound client resource the router can deliver to: a network connection of any transport, or
 * host code in-process. Every method is thread-safe.
 */
public interface Session {
  /** The bound full JID. */
  Jid jid();

  /** {@code tcp}, {@code tls}, {@code in-process}, ... */
  String transport();

  /** The peer address, or null in-process. */
  SocketAddress remoteAddress();

  /**
   * Queues a stanza for this session without blocking. Returns false when the mailbox is full or
   * the session has ended: the caller decides what the stanza becomes (an error to its sender,
   * another resource, offline storage).
   */
  boolean deliver(Stanza stanza);

  /**
   * Queues one delivery of a prepared stanza, addressed to {@code to} (this session's full JID or
   * its bare JID), without blocking; false as for {@link #deliver(Stanza)}. Mailbox sessions
   * queue it as is, so network sessions write the shared serialization.
   */
  default boolean deliver(PreparedStanza prepared, Jid to) {
    return deliver(prepared.stanza(to));
  }

  /**
   * Queues the burst's stanzas, in order, as one delivery without blocking: a mailbox session
   * takes it as one entry, so it fits whenever one stanza would. False when refused (nothing of
   * it is delivered then); sessions without a mailbox deliver each in turn and answer whether
   * all were taken.
   */
  default boolean deliver(Burst burst) {
    boolean all = true;
    for (Object e : burst.entries()) {
      all &= e instanceof Stanza s ? deliver(s)
          : deliver(((PreparedStanza.Addressed) e).prepared(), ((PreparedStanza.Addressed) e).to());
    }
    return all;
  }

  /** The last presence the client broadcast, or null before initial presence. */
  Presence presence();

  /** Records the client's broadcast presence (RFC 6121 §4.2, §4.4). */
  void presence(Presence presence);

  /** Available: initial presence sent and no unavailable since (RFC 6121 §4.1). */
  default boolean isAvailable() {
    Presence p = presence();
    return p != null && p.type() == Presence.Type.AVAILABLE;
  }

  /** The priority of the last available presence, 0 if none. */
  default int priority() {
    Presence p = presence();
    return p == null ? 0 : p.priority();
  }

  /** Ends the session, with the stream error for network sessions (e.g. {@code conflict}). */
  void terminate(StreamErrorCondition condition);
}
