package io.parley.embedded.internal.di;

import dagger.BindsInstance;
import dagger.Component;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.feature.blocking.BlockingModule;
import io.parley.embedded.internal.feature.carbons.CarbonsModule;
import io.parley.embedded.internal.feature.disco.DiscoModule;
import io.parley.embedded.internal.feature.lastactivity.LastActivityModule;
import io.parley.embedded.internal.feature.mam.Archives;
import io.parley.embedded.internal.feature.mam.MamModule;
import io.parley.embedded.internal.feature.muc.MucModule;
import io.parley.embedded.internal.feature.muc.MucService;
import io.parley.embedded.internal.feature.offline.OfflineModule;
import io.parley.embedded.internal.feature.ping.PingModule;
import io.parley.embedded.internal.feature.presence.PresenceModule;
import io.parley.embedded.internal.feature.privatedata.PrivateDataModule;
import io.parley.embedded.internal.feature.pubsub.PubSubModule;
import io.parley.embedded.internal.feature.register.RegisterModule;
import io.parley.embedded.internal.feature.roster.RosterModule;
import io.parley.embedded.internal.feature.session.SessionModule;
import io.parley.embedded.internal.feature.vcard.VCardModule;
import io.parley.embedded.internal.feature.version.VersionModule;
import io.parley.embedded.internal.router.IqDispatcher;
import io.parley.embedded.internal.router.RosterChanges;
import io.parley.embedded.internal.router.Router;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.stream.C2sStreams;
import io.parley.embedded.internal.transport.http.HttpListeners;
import io.parley.embedded.internal.transport.inprocess.InProcessSessions;
import io.parley.embedded.internal.transport.bosh.BoshSessions;
import io.parley.embedded.internal.transport.websocket.WebSocketStreams;
import io.parley.embedded.internal.transport.tcp.TcpListeners;
import javax.inject.Singleton;

/**
 * The server graph. The module list is the feature inventory: one module per protocol feature.
 */
@Singleton
@Component(modules = {
    CoreModule.class,
    PresenceModule.class,
    RosterModule.class,
    SessionModule.class,
    PingModule.class,
    DiscoModule.class,
    VersionModule.class,
    OfflineModule.class,
    VCardModule.class,
    PrivateDataModule.class,
    LastActivityModule.class,
    BlockingModule.class,
    CarbonsModule.class,
    RegisterModule.class,
    MamModule.class,
    PubSubModule.class,
    MucModule.class,
})
public interface ParleyComponent {
  TcpListeners tcpListeners();

  InProcessSessions inProcessSessions();

  SessionRegistry sessions();

  Router router();

  IqDispatcher iqDispatcher();

  C2sStreams c2sStreams();

  RosterChanges rosterChanges();

  Archives archives();

  HttpListeners httpListeners();

  WebSocketStreams webSocketStreams();

  io.parley.embedded.PubSub pubSub();

  MucService muc();

  BoshSessions boshSessions();

  /** Builds the graph from the validated configuration (which carries the host's SPI objects). */
  @Component.Factory
  interface Factory {
    ParleyComponent create(@BindsInstance ServerConfig config);
  }
}
