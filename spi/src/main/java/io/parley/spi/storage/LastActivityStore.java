package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.util.Optional;

/**
 * Users' last logout (XEP-0012 last activity), one entry per bare JID. Called from Parley's
 * blocking executor; may block; must be thread-safe; writes durable when they return.
 */
public interface LastActivityStore {
  /** The user's last logout, or empty if none was recorded. */
  Optional<LastActivity> get(Jid user);

  /** Records a logout, replacing the previous one. */
  void put(Jid user, LastActivity activity);

  void deleteUser(Jid user);
}
