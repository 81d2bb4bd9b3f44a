package io.parley.embedded.internal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.parley.embedded.Parley;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.testing.RecordingSession;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stanzas to a service's domain reach the service; presence to it is tracked first. */
class LocalServiceRoutingTest {
  @TempDir Path dataDir;
  private final List<Stanza> serviceGot = new CopyOnWriteArrayList<>();
  private final List<Presence> directed = new CopyOnWriteArrayList<>();
  private final RecordingSession romeo =
      new RecordingSession(Jid.of("romeo@example.test/orchard"));
  private Router router;

  @BeforeEach
  void router() {
    ServerConfig config = ParleyTestAccess.config(Parley.builder().domain("example.test")
        .tcpPort(-1).directTlsPort(-1).dataDirectory(dataDir).inMemoryStorage().build());
    LocalService rooms = new LocalService() {
      @Override
      public String domain() {
        return "conference.example.test";
      }

      @Override
      public String name() {
        return "Chat rooms";
      }

      @Override
      public void receive(Stanza stanza) {
        serviceGot.add(stanza);
      }
    };
    PresenceHandling presence = new PresenceHandling() {
      @Override
      public void broadcast(Presence p, Session sender) {}

      @Override
      public void directed(Presence p, Session sender) {
        directed.add(p);
      }

      @Override
      public void inbound(Presence p) {}
    };
    SessionRegistry sessions = new SessionRegistry();
    sessions.bind(romeo, false);
    router = new Router(config, sessions, new IqDispatcher(Set.of(), config, Runnable::run),
        presence, Optional.empty(), Set.of(rooms), Optional.empty());
  }

  private Stanza fromRomeo(Stanza s) {
    return s.withFrom(romeo.jid());
  }

  @Test
  void messagesAndIqsToTheServiceOrItsJidsGoToTheService() {
    Stanza toOccupant = fromRomeo(Message.chat(Jid.of("room@conference.example.test/nick"), "hi"));
    Stanza toService = fromRomeo(new Iq(Jid.of("conference.example.test"), null, "1",
        Iq.Type.GET, null, List.of()));
    router.route(toOccupant, romeo);
    router.route(toService, romeo);
    assertEquals(List.of(toOccupant, toService), serviceGot);
  }

  @Test
  void availableAndUnavailablePresenceIsTrackedAsDirectedPresence() {
    Stanza join = fromRomeo(new Presence(Jid.of("room@conference.example.test/romeo"), null,
        null, Presence.Type.AVAILABLE, null, List.of()));
    router.route(join, romeo);
    assertEquals(List.of(join), directed);
    assertEquals(List.of(), serviceGot, "the presence feature forwards it, not the router");
  }

  @Test
  void otherPresenceGoesStraightToTheService() {
    Stanza subscribe = fromRomeo(new Presence(Jid.of("conference.example.test"), null, null,
        Presence.Type.SUBSCRIBE, null, List.of()));
    router.route(subscribe, romeo);
    assertEquals(List.of(subscribe), serviceGot);
    assertEquals(List.of(), directed);
  }

  @Test
  void serverGeneratedStanzasReachTheServiceToo() {
    Stanza unavailable = new Presence(Jid.of("room@conference.example.test/romeo"),
        romeo.jid(), null, Presence.Type.UNAVAILABLE, null, List.of());
    router.routeFromServer(unavailable);
    assertSame(unavailable, serviceGot.get(0));
  }

  @Test
  void otherDomainsAreStillRemoteServerNotFound() {
    router.route(fromRomeo(Message.chat(Jid.of("room@conference.elsewhere.test"), "hi")), romeo);
    assertEquals(List.of(), serviceGot);
    Message bounced = (Message) romeo.received.get(0);
    assertEquals(StanzaError.Condition.REMOTE_SERVER_NOT_FOUND, bounced.error().condition());
  }
}
