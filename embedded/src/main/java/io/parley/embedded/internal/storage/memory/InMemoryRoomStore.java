package io.parley.embedded.internal.storage.memory;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.RoomRecord;
import io.parley.spi.storage.RoomStore;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The default {@link RoomStore}: persistent rooms kept in memory, lost on restart. */
public final class InMemoryRoomStore implements RoomStore {
  private final ConcurrentHashMap<Jid, RoomRecord> rooms = new ConcurrentHashMap<>();

  @Override
  public List<RoomRecord> rooms(String serviceDomain) {
    return rooms.values().stream().filter(r -> r.room().domain().equals(serviceDomain)).toList();
  }

  @Override
  public void save(RoomRecord room) {
    rooms.put(room.room().asBare(), room);
  }

  @Override
  public void delete(Jid room) {
    rooms.remove(room.asBare());
  }
}
