package io.parley.embedded.internal.feature.muc;

import io.parley.spi.stanza.Message;
import java.time.Clock;
import java.time.Instant;

/** What a room needs from its service: delivery, time, and persistence of its changes. */
interface RoomHost {
  RoomBroadcast out();

  Clock clock();

  /** The most messages a room keeps for history on join. */
  int historySize();

  /** The room's lasting state changed: save it (persistent) or forget it (temporary). */
  void changed(Room room);

  /** The room is gone: destroyed, or a temporary room whose last occupant left. */
  void removed(Room room);

  /**
   * A groupchat message the room sends to its occupants, for its archive under {@code id} (the
   * message's stanza-id), archived at {@code at}.
   */
  void archived(Room room, Message message, String id, Instant at);
}
