package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.spi.muc.RoomAffiliation;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.RoomRecord;
import io.parley.spi.storage.RoomStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The {@link RoomStore} contract, run against every implementation. Each test uses its own
 * service domain, so tests share one database without seeing each other's rooms.
 */
abstract class RoomStoreContract {
  private static final AtomicLong counter = new AtomicLong();
  private static final String RUN = Long.toString(System.nanoTime(), 36);

  abstract RoomStore store();

  private final String domain = "conference" + RUN + "x" + counter.incrementAndGet() + ".test";
  private final Jid alice = Users.fresh();
  private final Jid bob = Users.fresh();

  private RoomRecord room(String name, String subject) {
    return new RoomRecord(Jid.of(name + "@" + domain),
        Map.of("muc#roomconfig_roomname", List.of("Room \u2764 " + name + " <&'>"),
            "muc#roomconfig_presencebroadcast", List.of("moderator", "participant"),
            "muc#roomconfig_roomdesc", List.of("")),
        Map.of(alice, RoomAffiliation.OWNER, bob, RoomAffiliation.OUTCAST), subject);
  }

  @Test
  void unknownServiceHasNoRooms() {
    assertEquals(List.of(), store().rooms(domain));
  }

  @Test
  void savedRoomsComeBackEqualPerService() {
    RoomRecord a = room("a", "Hello");
    RoomRecord b = room("b", null);
    store().save(a);
    store().save(b);
    RoomRecord elsewhere = new RoomRecord(Jid.of("a@other" + domain), Map.of(), Map.of(), null);
    store().save(elsewhere);
    assertEquals(Set.of(a, b), Set.copyOf(store().rooms(domain)));
    assertEquals(List.of(elsewhere), store().rooms("other" + domain));
  }

  @Test
  void registeredNicknamesComeBackWithTheirAffiliations() {
    RoomRecord a = new RoomRecord(Jid.of("a@" + domain), Map.of(),
        Map.of(alice, RoomAffiliation.MEMBER, bob, RoomAffiliation.OWNER), null,
        Map.of(alice, "Al \u2764 <&'>"));
    store().save(a);
    assertEquals(List.of(a), store().rooms(domain));
    RoomRecord unregistered = new RoomRecord(a.room(), Map.of(), a.affiliations(), null);
    store().save(unregistered);
    assertEquals(List.of(unregistered), store().rooms(domain));
  }

  @Test
  void saveReplacesTheRecord() {
    store().save(room("a", "Hello"));
    RoomRecord changed = new RoomRecord(Jid.of("a@" + domain),
        Map.of("muc#roomconfig_persistentroom", List.of("1")),
        Map.of(bob, RoomAffiliation.ADMIN), "New subject");
    store().save(changed);
    assertEquals(List.of(changed), store().rooms(domain));
  }

  @Test
  void deleteForgetsTheRoomAndUnknownIsIgnored() {
    RoomRecord a = room("a", null);
    store().save(a);
    store().save(room("b", null));
    store().delete(Jid.of("b@" + domain));
    store().delete(Jid.of("unknown@" + domain));
    assertEquals(List.of(a), store().rooms(domain));
  }
}
