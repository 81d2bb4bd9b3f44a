package io.parley.embedded.internal.feature.muc;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.embedded.internal.router.LocalService;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.embedded.internal.storage.memory.InMemoryRoomStore;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.muc.RoomAffiliation;
import io.parley.spi.muc.RoomMembershipProvider;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.RoomRecord;
import io.parley.spi.storage.RoomStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group chat service at {@code conference.<domain>} (XEP-0045): finds or creates the room a
 * stanza is addressed to and hands the stanza to it, answers discovery on the service itself
 * (§6.1–§6.3), and keeps persistent rooms in the {@link RoomStore}. Runs on the sender's thread;
 * store and host calls run on the blocking executor.
 */
@Singleton
public final class MucService implements LocalService, RoomHost {
  private static final Logger log = LoggerFactory.getLogger(MucService.class);
  private static final int RETRIES = 3;
  private static final int ARCHIVE_LANES = 16;

  private final String domain;
  private final RoomBroadcast out;
  private final Clock clock;
  private final RoomStore store;
  private final RoomMembershipProvider membership;
  private final Executor blocking;
  private final SerialExecutor storeWrites;
  private final int historySize;
  private final RoomConfig defaults;
  private final ConcurrentHashMap<Jid, Room> rooms = new ConcurrentHashMap<>();
  private final Set<Jid> stored = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> loaded;
  private final ArchiveStore archive;
  // Archive appends and queries of one room run in order in its lane (a query sees every
  // message delivered before it), rooms spread over the lanes so one slow archive does not
  // hold up all others, and room record writes stay in storeWrites.
  private final SerialExecutor[] archiveLanes = new SerialExecutor[ARCHIVE_LANES];

  @Inject
  MucService(ServerConfig config, RoomBroadcast out, Clock clock, RoomStore store,
      @Blocking Executor blocking) {
    this.domain = config.mucSubdomain() + "." + config.domain().domain();
    this.out = out;
    this.clock = clock;
    this.store = store;
    this.membership = config.roomMembershipProvider();
    this.blocking = blocking;
    this.storeWrites = new SerialExecutor(blocking);
    this.historySize = config.mucHistorySize();
    this.archive = archiveStore(config);
    for (int i = 0; i < ARCHIVE_LANES; i++) {
      archiveLanes[i] = new SerialExecutor(blocking);
    }
    this.defaults = RoomConfig.defaults(config.mucHistorySize());
    // Stanzas that arrive before the stored rooms are read wait for them (see receive). The
    // server's own in-memory store starts empty: nothing to read, no task on the blocking pool.
    boolean empty = store == config.stores().rooms() && store instanceof InMemoryRoomStore;
    this.loaded = empty ? CompletableFuture.completedFuture(null)
        : CompletableFuture.runAsync(this::load, blocking).exceptionally(e -> {
          log.error("could not read the stored rooms of {}", domain, e);
          return null;
        });
  }

  // Room archives go where users' archives go (the host's store, else the database, owner = the
  // room's bare JID); with in-memory storage each room keeps its newest mucArchiveSize.
  private static ArchiveStore archiveStore(ServerConfig config) {
    if (config.archiveStore() != null) {
      return config.archiveStore();
    }
    ArchiveStore database = config.stores().archive();
    return database != null ? database : new InMemoryRoomArchive(config.mucArchiveSize());
  }

  private void load() {
    for (RoomRecord r : store.rooms(domain)) {
      Room room = Room.restore(r, this, defaults);
      rooms.put(room.jid, room);
      stored.add(room.jid);
      refreshMembership(room);
    }
  }

  @Override
  public String domain() {
    return domain;
  }

  @Override
  public String name() {
    return "Chat rooms";
  }

  @Override
  public void receive(Stanza stanza) {
    if (loaded.isDone()) {
      handle(stanza);
    } else {
      loaded.thenRun(() -> handle(stanza));
    }
  }

  private void handle(Stanza stanza) {
    Jid to = stanza.to();
    if (to.local() == null) {
      if (stanza instanceof Iq iq && iq.isRequest()) {
        serviceIq(iq);
      }
      return; // messages and presence to the service itself mean nothing
    }
    Jid roomJid = to.asBare();
    for (int attempt = 0; attempt < RETRIES; attempt++) {
      Room room = rooms.get(roomJid);
      if (stanza instanceof Presence p) {
        if (room == null) {
          if (p.type() != Presence.Type.AVAILABLE || to.resource() == null) {
            return; // leaving a room that is gone, or no nickname: nothing to do
          }
          room = create(roomJid, p);
        }
        synchronized (room) {
          if (room.destroyed) {
            continue; // destroyed meanwhile: look again (or create it anew)
          }
          room.presence(p);
        }
        return;
      }
      if (room == null) {
        out.error(stanza, Condition.ITEM_NOT_FOUND);
        return;
      }
      synchronized (room) {
        if (room.destroyed) {
          continue;
        }
        if (stanza instanceof Message m) {
          room.message(m);
        } else if (to.isFull()) {
          room.occupantIq((Iq) stanza);
        } else if (((Iq) stanza).payload() != null
            && RoomArchiveQueries.MAM.equals(((Iq) stanza).payload().namespace())) {
          archiveQuery(room, (Iq) stanza);
        } else {
          RoomAdmin.iq(room, (Iq) stanza);
        }
      }
      return;
    }
  }

  // §10.1: the first to enter creates the room and owns it. With the MUC <x/> the room stays
  // locked until configured; a client without it (groupchat 1.0) gets an instant room.
  private Room create(Jid roomJid, Presence p) {
    boolean locked = p.child("x", Muc.NAMESPACE) != null;
    Room fresh = new Room(roomJid, this, defaults, locked);
    fresh.setOwnAffiliation(p.from(), RoomAffiliation.OWNER);
    fresh.fresh = true;
    Room existing = rooms.putIfAbsent(roomJid, fresh);
    if (existing != null) {
      return existing;
    }
    refreshMembership(fresh);
    return fresh;
  }

  private void serviceIq(Iq iq) {
    Element q = iq.payload();
    if (q != null && iq.type() == Iq.Type.GET && q.attribute("node") == null
        && q.namespace().equals(Muc.DISCO_INFO)) {
      Element.Builder info = Element.builder("query", Muc.DISCO_INFO)
          .child(Element.builder("identity", Muc.DISCO_INFO).attribute("category", "conference")
              .attribute("type", "text").attribute("name", name()).build());
      for (String f : List.of(Muc.NAMESPACE, Muc.DISCO_INFO, Muc.DISCO_ITEMS,
          Muc.STABLE_ID, Muc.SELF_PING, Muc.UNIQUE)) {
        info.child(Element.builder("feature", Muc.DISCO_INFO).attribute("var", f).build());
      }
      out.send(iq.result(info.build()));
    } else if (q != null && iq.type() == Iq.Type.GET && q.attribute("node") == null
        && q.namespace().equals(Muc.DISCO_ITEMS)) {
      // §6.3: public rooms only, and not those still locked.
      Element.Builder items = Element.builder("query", Muc.DISCO_ITEMS);
      for (Room room : rooms.values()) {
        synchronized (room) {
          if (!room.destroyed && !room.locked && room.config.publicRoom()) {
            items.child(Element.builder("item", Muc.DISCO_ITEMS)
                .attribute("jid", room.jid.toString())
                .attribute("name", room.displayName()).build());
          }
        }
      }
      out.send(iq.result(items.build()));
    } else if (q != null && q.namespace().equals(Muc.PING)) {
      out.send(iq.result());
    } else if (q != null && iq.type() == Iq.Type.GET && q.name().equals("unique")
        && q.namespace().equals(Muc.UNIQUE)) {
      out.send(iq.result(Muc.text("unique", Muc.UNIQUE, uniqueName())));
    } else {
      out.error(iq, Condition.SERVICE_UNAVAILABLE);
    }
  }

  // §10.1.4: a room name no room has. 128 random bits (as Prosody's UUID) make a later clash
  // as unlikely as a guess, so the name is not held for the requester.
  private String uniqueName() {
    String name;
    do {
      name = Ids.next();
    } while (rooms.containsKey(Jid.of(name + "@" + domain)));
    return name;
  }

  // ---- RoomHost ----

  @Override
  public RoomBroadcast out() {
    return out;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public int historySize() {
    return historySize;
  }

  @Override
  public void changed(Room room) {
    if (room.config.persistent() && !room.locked) {
      RoomRecord record = room.record();
      stored.add(room.jid);
      storeWrites.execute(() -> store.save(record));
    } else if (stored.remove(room.jid)) {
      storeWrites.execute(() -> store.delete(room.jid));
    }
  }

  @Override
  public void removed(Room room) {
    rooms.remove(room.jid, room);
    if (stored.remove(room.jid)) {
      storeWrites.execute(() -> store.delete(room.jid));
    }
    // The archive goes with the room (as Prosody's mod_muc_mam does), after its queued appends.
    if (archive != null) {
      lane(room).execute(() -> {
        try {
          archive.deleteUser(room.jid);
        } catch (RuntimeException e) {
          log.warn("could not delete the archive of room {}", room.jid, e);
        }
      });
    }
  }

  @Override
  public void archived(Room room, Message message, String id, Instant at) {
    if (archive != null) {
      var entry = RoomArchiveQueries.entry(message, id, at);
      lane(room).execute(() -> {
        try {
          archive.append(room.jid, entry);
        } catch (RuntimeException e) {
          log.warn("could not archive message {} of room {}", id, room.jid, e);
        }
      });
    }
  }

  // XEP-0313 §4 on the room JID: anyone for an open room, members and up for members-only.
  private void archiveQuery(Room room, Iq iq) {
    if (!iq.isRequest()) {
      return;
    }
    RoomAffiliation a = room.affiliation(iq.from());
    if (a == RoomAffiliation.OUTCAST || room.config.membersOnly() && a == RoomAffiliation.NONE) {
      out.error(iq, Condition.FORBIDDEN);
      return;
    }
    if (iq.type() == Iq.Type.GET) {
      out.send(iq.result(RoomArchiveQueries.form()));
      return;
    }
    ArchiveQuery q;
    try {
      q = RoomArchiveQueries.parse(iq.payload());
    } catch (StanzaErrorException e) {
      out.send(iq.errorReply(e.error()));
      return;
    }
    lane(room).execute(() -> {
      try {
        RoomArchiveQueries.answer(archive, room.jid, iq, q, out);
      } catch (RuntimeException e) {
        log.warn("room archive query on {} failed", room.jid, e);
        out.send(iq.errorReply(StanzaError.of(Condition.INTERNAL_SERVER_ERROR)));
      }
    });
  }

  private SerialExecutor lane(Room room) {
    return archiveLanes[Math.floorMod(room.jid.hashCode(), ARCHIVE_LANES)];
  }

  // ---- host API (io.parley.embedded.GroupChat) ----

  /** Re-reads the host's affiliations for a room and applies the difference. */
  public void refreshMembership(Jid roomJid) {
    Room room = rooms.get(roomJid.asBare());
    if (room != null) {
      refreshMembership(room);
    }
  }

  private void refreshMembership(Room room) {
    if (membership == null) {
      return;
    }
    CompletableFuture.supplyAsync(() -> membership.affiliations(room.jid), blocking)
        .whenComplete((affiliations, e) -> {
          if (e != null) {
            log.warn("room membership for {} failed; keeping the previous one", room.jid, e);
          } else {
            room.hostAffiliations(affiliations == null ? Map.of() : affiliations);
          }
        });
  }

  /**
   * Creates an unlocked room with the given configuration values ({@code muc#roomconfig_*}
   * names) and affiliations; false if it exists.
   */
  public boolean createRoom(Jid roomJid, Map<String, List<String>> config,
      Map<Jid, RoomAffiliation> affiliations) {
    Jid bare = checkRoom(roomJid);
    RoomConfig c = defaults.apply(config);
    Room room = new Room(bare, this, c, false);
    room.hostCreated = true;
    affiliations.forEach(room::setOwnAffiliation);
    if (rooms.putIfAbsent(bare, room) != null) {
      return false;
    }
    synchronized (room) {
      changed(room);
    }
    refreshMembership(room);
    return true;
  }

  /** Applies configuration values as the owner's form would (§10.2). */
  public void configure(Jid roomJid, Map<String, List<String>> config) {
    Room room = existing(roomJid);
    synchronized (room) {
      RoomAdmin.configure(room, null, config);
    }
  }

  /** Sets a user's affiliation as an owner would (§9, §10), telling the occupants. */
  public void setAffiliation(Jid roomJid, Jid user, RoomAffiliation affiliation) {
    Room room = existing(roomJid);
    synchronized (room) {
      room.setOwnAffiliation(user, affiliation);
      changed(room);
      room.affiliationChanged(user.asBare(), null, null);
      room.leaveIfEmpty();
    }
  }

  /** Destroys a room (§10.9), sending its occupants to the alternate venue if given. */
  public void destroy(Jid roomJid, String reason, Jid alternate) {
    existing(roomJid).destroy(alternate, reason, null);
  }

  /** Posts a groupchat message from the room itself. */
  public void post(Jid roomJid, Message message) {
    existing(roomJid).post(message);
  }

  /** The room's affiliations, the host's merged over the room's own. */
  public Map<Jid, RoomAffiliation> affiliations(Jid roomJid) {
    Room room = existing(roomJid);
    synchronized (room) {
      return Map.copyOf(room.affiliations());
    }
  }

  /** The rooms that exist now. */
  public Set<Jid> rooms() {
    return Set.copyOf(rooms.keySet());
  }

  private Room existing(Jid roomJid) {
    Room room = rooms.get(checkRoom(roomJid));
    if (room == null) {
      throw new StanzaErrorException(Condition.ITEM_NOT_FOUND);
    }
    return room;
  }

  private Jid checkRoom(Jid roomJid) {
    if (roomJid.local() == null || !roomJid.domain().equals(domain)) {
      throw new IllegalArgumentException(roomJid + " is not a room of " + domain);
    }
    return roomJid.asBare();
  }
}
