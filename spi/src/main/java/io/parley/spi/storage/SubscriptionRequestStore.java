package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.util.List;

/**
 * Inbound subscription requests a user has neither approved nor denied (the "Pending In" states
 * of RFC 6121 Appendix A), kept so that they reach the user's next available resource (RFC 6121
 * §3.1.3). Called from Parley's blocking executor; may block; must be thread-safe; writes durable
 * when they return.
 */
public interface SubscriptionRequestStore {
  /** Whether {@code requester} (a bare JID) has a request pending with {@code user}. */
  boolean has(Jid user, Jid requester);

  /** Keeps {@code request}, replacing an earlier request of the same requester. */
  void put(Jid user, Jid requester, Presence request);

  /** Forgets the requester's request; no-op if there is none. */
  void remove(Jid user, Jid requester);

  /** The user's pending requests, in no particular order; empty if none. */
  List<Presence> pending(Jid user);

  /** Forgets every request to the user (account deletion). */
  void deleteUser(Jid user);
}
