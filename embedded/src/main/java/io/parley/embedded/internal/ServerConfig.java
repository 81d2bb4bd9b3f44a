package io.parley.embedded.internal;

import io.parley.embedded.ResourceConflictPolicy;
import io.parley.spi.auth.Authenticator;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.event.PresenceListener;
import io.parley.spi.event.SessionListener;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.muc.RoomMembershipProvider;
import io.parley.spi.roster.RosterProvider;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.pubsub.NodeAccessPolicy;
import io.parley.embedded.internal.storage.Stores;
import io.parley.spi.storage.BlockListStore;
import io.parley.spi.storage.LastActivityStore;
import io.parley.spi.storage.SubscriptionRequestStore;
import io.parley.spi.storage.OfflineStore;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.RoomStore;
import io.parley.spi.storage.RosterStore;
import io.parley.spi.storage.XmlStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The immutable configuration the builder validated, including the host's SPI objects. Ports: a
 * positive number, 0 for any free port, -1 for no listener. A null store means the feature's
 * in-memory default; a null provider or authenticator means none. A null archive retention
 * keeps archives forever; a null per-user retention function means the server-wide one for all.
 * default from {@link #stores()} (the database, or memory); a null provider or authenticator
 * means none. {@code stores} is never null and is closed by {@code Parley.close()}.
 */
public record ServerConfig(
    Jid domain,
    String bindAddress,
    int tcpPort,
    int directTlsPort,
    boolean tlsRequired,
    Path tlsKey,
    Path tlsCertificate,
    Path dataDirectory,
    int maxStanzaBytes,
    int maxXmlDepth,
    int mailboxCapacity,
    int storageBacklog,
    int writeBufferHighWaterMark,
    Duration idleTimeout,
    Duration keepaliveInterval,
    Duration shutdownTimeout,
    int maxAuthAttempts,
    ResourceConflictPolicy resourceConflict,
    int eventLoopThreads,
    CredentialStore credentialStore,
    Authenticator authenticator,
    Executor blockingExecutor,
    List<IqHandler> iqHandlers,
    List<StanzaInterceptor> interceptors,
    List<SessionListener> sessionListeners,
    List<PresenceListener> presenceListeners,
    RosterProvider rosterProvider,
    RosterStore rosterStore,
    OfflineStore offlineStore,
    XmlStore xmlStore,
    BlockListStore blockListStore,
    int maxRosterItems,
    int maxOfflineMessages,
    boolean allowRegistration,
    ArchiveStore archiveStore,
    int archiveMaxPageSize,
    Duration archiveRetention,
    Function<Jid, Duration> archiveRetentionPerUser,
    Duration archiveSweepInterval,
    int archiveMemoryLimit,
    int httpPort,
    int httpsPort,
    String webSocketPath,
    List<String> corsOrigins,
    boolean webSocketConsideredSecure,
    String webSocketUrl,
    boolean nativeTls,
    boolean tlsSessionTickets,
    PubSubStore pubSubStore,
    NodeAccessPolicy nodeAccessPolicy,
    String pubSubDomain,
    int pubSubMaxItems,
    int pubSubCachedNodes,
    Stores stores,
    SubscriptionRequestStore subscriptionRequestStore,
    LastActivityStore lastActivityStore,
    boolean mucEnabled,
    String mucSubdomain,
    int mucHistorySize,
    int mucArchiveSize,
    RoomStore roomStore,
    RoomMembershipProvider roomMembershipProvider,
    String boshPath,
    Duration boshMaxWait,
    int boshMaxHold,
    int boshMaxRequests,
    Duration boshInactivity,
    boolean boshConsideredSecure,
    int pubSubMaxSubscriptionsPerJid,
    int pubSubMaxNodesPerOwner) {

  public ServerConfig {
    iqHandlers = List.copyOf(iqHandlers);
    interceptors = List.copyOf(interceptors);
    sessionListeners = List.copyOf(sessionListeners);
    presenceListeners = List.copyOf(presenceListeners);
    corsOrigins = List.copyOf(corsOrigins);
  }
}
