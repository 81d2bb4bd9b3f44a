package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.util.Map;
import java.util.Optional;

/**
 * Users' last logout (XEP-0012 last activity), one entry per bare JID. Called from Parley's
 * blocking executor; may block (unless it is a {@link NonBlockingStore}, which Parley may write on
 * a network thread); must be thread-safe; writes durable when they return.
 */
public interface LastActivityStore {
  /** The user's last logout, or empty if none was recorded. */
  Optional<LastActivity> get(Jid user);

  /** Records a logout, replacing the previous one. */
  void put(Jid user, LastActivity activity);

  /**
   * Records several users' logouts; Parley gathers the logouts that happen while a write is
   * under way into one call. A database store writes them in one transaction.
   */
  default void putAll(Map<Jid, LastActivity> logouts) {
    logouts.forEach(this::put);
  }

  void deleteUser(Jid user);
}
