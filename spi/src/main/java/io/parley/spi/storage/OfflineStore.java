package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import java.util.List;

/**
 * Messages kept for users with no available resource (XEP-0160). Called from Parley's blocking
 * executor; may block; must be thread-safe. {@link #store} must be durable when it returns.
 */
public interface OfflineStore {
  /**
   * Stores a message for a user unless the user already has {@code limit} messages stored.
   *
   * @return false if the limit was reached (the sender then gets an error)
   */
  boolean store(Jid user, Message message, int limit);

  /** Removes and returns the user's messages in the order they were stored. */
  List<Message> takeAll(Jid user);

  int count(Jid user);

  void deleteUser(Jid user);
}
