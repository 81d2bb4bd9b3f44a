package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.util.List;

/**
 * Persistent group chat rooms (XEP-0045 §10.1.3 {@code muc#roomconfig_persistentroom}): their
 * configuration, affiliations and subject. Temporary rooms never reach the store. Called from
 * Parley's blocking executor, one call at a time per room and in the order the changes were
 * made; may block; must be thread-safe; writes are durable when they return.
 */
public interface RoomStore {
  /** Every stored room of the service at {@code serviceDomain}; read once at start-up. */
  List<RoomRecord> rooms(String serviceDomain);

  /** Creates or replaces the room's record. */
  void save(RoomRecord room);

  /** Forgets the room (destroyed, or made temporary); nothing happens if it is unknown. */
  void delete(Jid room);
}
