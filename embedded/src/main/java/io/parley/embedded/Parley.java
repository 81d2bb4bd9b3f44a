package io.parley.embedded;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.DaggerParleyComponent;
import io.parley.embedded.internal.di.ParleyComponent;
import io.parley.spi.auth.Authenticator;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.event.PresenceListener;
import io.parley.spi.event.SessionListener;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.pubsub.NodeAccessPolicy;
import io.parley.spi.muc.RoomMembershipProvider;
import io.parley.spi.roster.RosterProvider;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.embedded.internal.storage.InMemoryStores;
import io.parley.embedded.internal.storage.Stores;
import io.parley.embedded.internal.storage.jdbc.JdbcStorage;
import io.parley.spi.storage.BlockListStore;
import io.parley.spi.storage.LastActivityStore;
import io.parley.spi.storage.SubscriptionRequestStore;
import io.parley.spi.storage.OfflineStore;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.RoomStore;
import io.parley.spi.storage.RosterStore;
import io.parley.spi.storage.XmlStore;
import io.parley.spi.stanza.Stanza;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded XMPP server.
 *
 * <pre>{@code
 * var users = new InMemoryCredentialStore().addUser("alice", "secret");
 * try (Parley parley = Parley.builder().domain("example.com").credentials(users).build()) {
 *   parley.start();
 *   InProcessSession bot = parley.openSession(Jid.of("bot@example.com/service"), System.out::println);
 *   bot.send(Message.chat(Jid.of("alice@example.com"), "hello"));
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #start()} binds the listeners; {@link #close()} ends every stream with
 * {@code <system-shutdown/>} and releases all threads and connections it created.
 *
 * <p>Storage: by default every store lives in an embedded H2 database under
 * {@code <dataDirectory>/db/}, created on first start; {@link Builder#database} or
 * {@link Builder#dataSource} moves it to PostgreSQL, {@link Builder#inMemoryStorage()} keeps it
 * in memory, and a store set individually (for example {@link Builder#rosterStore}) replaces the
 * default for its concern only.
 */
public final class Parley implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Parley.class);

  private final ServerConfig config;
  private final ParleyComponent component;
  private final ExecutorService ownedExecutor;
  private volatile boolean started;
  private volatile boolean closed;

  private Parley(ServerConfig config, ExecutorService ownedExecutor) {
    this.config = config;
    this.ownedExecutor = ownedExecutor;
    this.component = DaggerParleyComponent.factory().create(config);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds the listeners. Returns this server; once started, calling it again does nothing. */
  public synchronized Parley start() {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (!started) {
      component.tcpListeners().start();
      try {
        component.httpListeners().start();
      } catch (RuntimeException e) {
        component.tcpListeners().stop(java.time.Duration.ZERO);
        throw e;
      }
      started = true;
      log.info("Parley started for {}", config.domain());
    }
    return this;
  }

  /** The server's domain. */
  public Jid domain() {
    return config.domain();
  }

  /** The bound client port (useful with port 0), or -1 if that listener is off. */
  public int tcpPort() {
    return component.tcpListeners().tcpPort();
  }

  /** The bound direct TLS port (XEP-0368), or -1 if that listener is off. */
  public int directTlsPort() {
    return component.tcpListeners().directTlsPort();
  }

  /** The bound plain HTTP port (WebSocket, host-meta), or -1 if that listener is off. */
  public int httpPort() {
    return component.httpListeners().httpPort();
  }

  /** The bound HTTPS port (secure WebSocket, host-meta), or -1 if that listener is off. */
  public int httpsPort() {
    return component.httpListeners().httpsPort();
  }

  /**
   * The presence of every available resource of an account, from memory (no network round
   * trip); empty when the user is offline.
   */
  public List<Presence> presence(Jid user) {
    List<Presence> available = new ArrayList<>();
    for (var session : component.sessions().resources(user.asBare())) {
      if (session.isAvailable()) {
        available.add(session.presence().withFrom(session.jid()));
      }
    }
    return available;
  }

  /**
   * Tells Parley that the host's roster items for a user changed (see
   * {@link RosterProvider}); the user's online resources get roster pushes at once.
   */
  public void rosterChanged(Jid user) {
    component.rosterChanges().rosterChanged(user.asBare());
  }

  /** The XEP-0060 service at {@code pubsub.<domain>}, for host code (see {@link PubSub}). */
  public PubSub pubSub() {
    return component.pubSub();
  }

  /**
   * The group chat service (XEP-0045), for host code to manage rooms.
   *
   * @throws IllegalStateException if it was turned off with {@code mucEnabled(false)}
   */
  public GroupChat groupChat() {
    if (!config.mucEnabled()) {
      throw new IllegalStateException("group chat is off");
    }
    return new GroupChat(component.muc());
  }

  /** How many client sessions are bound now, network and in-process. */
  public int sessionCount() {
    return component.sessions().size();
  }

  /**
   * Opens a session for host code, routed exactly like a network client: send stanzas through
   * it; stanzas addressed to it reach {@code receiver} on Parley's blocking executor, in order.
   * Like a client, it must send presence to receive messages addressed to the bare JID.
   *
   * @param jid a full JID of this domain, or a bare one to get a generated resource
   */
  public InProcessSession openSession(Jid jid, Consumer<Stanza> receiver) {
    Objects.requireNonNull(receiver, "receiver");
    if (closed) {
      throw new IllegalStateException("closed");
    }
    return component.inProcessSessions().open(jid, receiver);
  }

  /**
   * One page of a user's message archive (XEP-0313), as the user's own query would return it:
   * oldest first, after the user's pending messages are archived and expired ones removed. The
   * page holds at most {@code query.max()} messages (not capped by
   * {@link Builder#archiveMaxPageSize}). The stage completes on the blocking executor; it fails
   * with {@link java.util.NoSuchElementException} for an id the query names that is not in the
   * archive.
   *
   * @param user the archive owner's JID (its bare JID is used)
   */
  public CompletionStage<ArchivePage> archive(Jid user, ArchiveQuery query) {
    Objects.requireNonNull(query, "query");
    return component.archives().query(user.asBare(), query);
  }

  /**
   * Internal, for {@code io.parley.embedded.servlet}: what a servlet container's WebSocket
   * endpoint needs to run streams on this server. Not an API: use
   * {@code ParleyWebSocket.endpointConfig(parley, path)}.
   */
  public io.parley.embedded.internal.transport.websocket.WebSocketStreams webSocketStreams() {
    return component.webSocketStreams();
  }

  /**
   * Internal, for {@code io.parley.embedded.servlet}: the BOSH connection manager a servlet
   * binding serves. Not an API: use {@code ParleyBoshServlet}.
   */
  public io.parley.embedded.internal.transport.bosh.BoshSessions boshSessions() {
    return component.boshSessions();
  }

  // For tests in the same package tree: the graph behind this server.
  ParleyComponent component() {
    return component;
  }

  ServerConfig config() {
    return config;
  }

  /** Stops the server gracefully: clients receive {@code <system-shutdown/>}. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    component.archives().close();
    component.tcpListeners().stop(config.shutdownTimeout());
    component.httpListeners().stop(config.shutdownTimeout());
    component.webSocketStreams().shutdown(config.shutdownTimeout());
    component.boshSessions().shutdown(config.shutdownTimeout());
    for (var session : component.sessions().all()) {
      try {
        session.terminate(io.parley.embedded.internal.xml.StreamErrorCondition.SYSTEM_SHUTDOWN);
      } catch (RejectedExecutionException e) {
        // Its transport's executor is gone (a host container stopped first); stop the rest.
        log.warn("{}: session not ended, its transport already stopped", session.jid());
      }
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
      try {
        ownedExecutor.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // After the blocking pool: its last store calls finish on open connections.
    config.stores().close();
    log.info("Parley stopped");
  }

  /**
   * Configures a server. Every limit has a safe default; {@link #build()} validates them all.
   */
  public static final class Builder {
    private String domain = "localhost";
    private String bindAddress = "0.0.0.0";
    private int tcpPort = 5222;
    private int directTlsPort = 5223;
    private boolean tlsRequired = true;
    private Path tlsKey;
    private Path tlsCertificate;
    private Path dataDirectory = Path.of("parley-data");
    private int maxStanzaBytes = 256 * 1024;
    private int maxXmlDepth = 64;
    private int mailboxCapacity = 4096;
    private int storageBacklog = 50_000;
    private int writeBufferHighWaterMark = 256 * 1024;
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration keepaliveInterval = Duration.ofSeconds(60);
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private int maxAuthAttempts = 5;
    private ResourceConflictPolicy resourceConflict = ResourceConflictPolicy.KICK_OLD;
    // Netty's own default. The event loops share the cores with the blocking pool, the archive
    // writer, the GC and the host's threads; with two per core, one that the OS sets aside holds
    // up fewer connections (load benchmark, 2 cores: chat p99 37 ms with 2 loops, 27-32 with 4).
    private int eventLoopThreads = 2 * Runtime.getRuntime().availableProcessors();
    private int blockingThreads = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
    private int blockingQueueCapacity = 100_000;
    private CredentialStore credentialStore;
    private Authenticator authenticator;
    private Executor blockingExecutor;
    private final List<IqHandler> iqHandlers = new ArrayList<>();
    private final List<StanzaInterceptor> interceptors = new ArrayList<>();
    private final List<SessionListener> sessionListeners = new ArrayList<>();
    private final List<PresenceListener> presenceListeners = new ArrayList<>();
    private RosterProvider rosterProvider;
    private RosterStore rosterStore;
    private OfflineStore offlineStore;
    private XmlStore xmlStore;
    private BlockListStore blockListStore;
    private int maxRosterItems = 2000;
    private int maxOfflineMessages = 1000;
    private boolean allowRegistration;
    private ArchiveStore archiveStore;
    private int archiveMaxPageSize = 100;
    private Duration archiveRetention;
    private Function<Jid, Duration> archiveRetentionPerUser;
    private Duration archiveSweepInterval = Duration.ofHours(1);
    private int archiveMemoryLimit = 10_000;
    private int httpPort = -1;
    private int httpsPort = -1;
    private String webSocketPath = "/xmpp-websocket";
    private List<String> corsOrigins = List.of("*");
    private boolean webSocketConsideredSecure;
    private String webSocketUrl;
    private boolean nativeTls = true;
    private boolean tlsSessionTickets;
    private PubSubStore pubSubStore;
    private NodeAccessPolicy nodeAccessPolicy;
    private String pubSubDomain;
    private int pubSubMaxItems = 1000;
    private int pubSubCachedNodes = 10_000;
    private String databaseUrl;
    private String databaseUser;
    private String databasePassword;
    private DataSource dataSource;
    private int databasePoolSize = 10;
    private boolean inMemoryStorage;
    private SubscriptionRequestStore subscriptionRequestStore;
    private LastActivityStore lastActivityStore;
    private boolean mucEnabled = true;
    private String mucSubdomain = "conference";
    private int mucHistorySize = 20;
    private int mucArchiveSize = 10_000;
    private RoomStore roomStore;
    private RoomMembershipProvider roomMembershipProvider;
    private String boshPath = "/http-bind";
    private Duration boshMaxWait = Duration.ofSeconds(60);
    private int boshMaxHold = 1;
    private int boshMaxRequests = 2;
    private Duration boshInactivity = Duration.ofSeconds(60);
    private boolean boshConsideredSecure;
    private int pubSubMaxSubscriptionsPerJid = 16;
    private int pubSubMaxNodesPerOwner = 1000;

    private Builder() {}

    /** The XMPP domain served (default {@code localhost}). */
    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    /** The address the listeners bind (default all interfaces, {@code 0.0.0.0}). */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /** The client port with STARTTLS (default 5222); 0 for any free port, -1 for none. */
    public Builder tcpPort(int port) {
      this.tcpPort = port;
      return this;
    }

    /** The XEP-0368 direct TLS port (default 5223); 0 for any free port, -1 for none. */
    public Builder directTlsPort(int port) {
      this.directTlsPort = port;
      return this;
    }

    /** Whether clients must use TLS before authenticating (default true). */
    public Builder tlsRequired(boolean required) {
      this.tlsRequired = required;
      return this;
    }

    /**
     * The PEM private key and certificate chain for TLS. Without them a self-signed certificate
     * for the domain is generated on first start and kept in the data directory.
     */
    public Builder tlsCertificate(Path keyPem, Path certificateChainPem) {
      this.tlsKey = keyPem;
      this.tlsCertificate = certificateChainPem;
      return this;
    }

    /** Where Parley keeps its files (default {@code ./parley-data}). */
    public Builder dataDirectory(Path directory) {
      this.dataDirectory = directory;
      return this;
    }

    /** Largest stanza on the wire, in bytes (default 256 KiB); beyond: policy-violation. */
    public Builder maxStanzaBytes(int bytes) {
      this.maxStanzaBytes = bytes;
      return this;
    }

    /** Deepest XML nesting, the stream root counting 1 (default 64). */
    public Builder maxXmlDepth(int depth) {
      this.maxXmlDepth = depth;
      return this;
    }

    /**
     * Stanzas queued per session before senders get resource-constraint (default 4096; rounded
     * up to a power of two).
     */
    public Builder mailboxCapacity(int stanzas) {
      this.mailboxCapacity = stanzas;
      return this;
    }

    /**
     * Message archive writes queued for the store before client streams stop being read until
     * the store has written half of them (default 50,000): senders slow down to what the store
     * writes, and memory stays bounded.
     */
    public Builder storageBacklog(int writes) {
      this.storageBacklog = writes;
      return this;
    }

    /** Unsent bytes per connection before its mailbox stops draining (default 256 KiB). */
    public Builder writeBufferHighWaterMark(int bytes) {
      this.writeBufferHighWaterMark = bytes;
      return this;
    }

    /** Silence after which a connection ends with connection-timeout (default 5 minutes). */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    /** Output silence after which the server sends a whitespace keepalive (default 60 s). */
    public Builder keepaliveInterval(Duration interval) {
      this.keepaliveInterval = interval;
      return this;
    }

    /** How long {@link Parley#close()} waits for clients to go (default 5 s). */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    /** Failed SASL attempts per stream before policy-violation (default 5, RFC 6120 §6.4.5). */
    public Builder maxAuthAttempts(int attempts) {
      this.maxAuthAttempts = attempts;
      return this;
    }

    /** What a bind to a resource in use does (default {@link ResourceConflictPolicy#KICK_OLD}). */
    public Builder resourceConflict(ResourceConflictPolicy policy) {
      this.resourceConflict = policy;
      return this;
    }

    /** Network threads (default: twice the number of cores). */
    public Builder eventLoopThreads(int threads) {
      this.eventLoopThreads = threads;
      return this;
    }

    /**
     * The executor for work that may block (host SPI calls, password hashing). Without one, Parley
     * runs a pool of {@link #blockingThreads(int)} threads with a bounded queue, and shuts it down
     * on close; a host executor is the host's to shut down.
     */
    public Builder blockingExecutor(Executor executor) {
      this.blockingExecutor = executor;
      return this;
    }

    /** Threads of Parley's own blocking pool (default max(8, 2 × cores)). */
    public Builder blockingThreads(int threads) {
      this.blockingThreads = threads;
      return this;
    }

    /** Queued tasks of Parley's own blocking pool before it refuses work (default 100,000). */
    public Builder blockingQueueCapacity(int tasks) {
      this.blockingQueueCapacity = tasks;
      return this;
    }

    /** The accounts and their SCRAM credentials (default: the database's accounts). */
    public Builder credentials(CredentialStore store) {
      this.credentialStore = store;
      return this;
    }

    /** Checks SASL PLAIN logins instead of the credential store (for tokens). */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = authenticator;
      return this;
    }

    /** Adds a host IQ handler; its features are advertised in service discovery. */
    public Builder iqHandler(IqHandler handler) {
      iqHandlers.add(Objects.requireNonNull(handler));
      return this;
    }

    /** Appends an interceptor to the chain. */
    public Builder interceptor(StanzaInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor));
      return this;
    }

    public Builder sessionListener(SessionListener listener) {
      sessionListeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /** Hears every change of a resource's presence (available, away, unavailable, status). */
    public Builder presenceListener(PresenceListener listener) {
      presenceListeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /** The host's contacts in every roster (read-only to clients); default none. */
    public Builder rosterProvider(RosterProvider provider) {
      this.rosterProvider = provider;
      return this;
    }

    /** Where users' own rosters are kept (default: the database). */
    public Builder rosterStore(RosterStore store) {
      this.rosterStore = store;
      return this;
    }

    /** Where messages for offline users are kept (default: the database). */
    public Builder offlineStore(OfflineStore store) {
      this.offlineStore = store;
      return this;
    }

    /** Where vCards and private XML are kept (default: the database). */
    public Builder xmlStore(XmlStore store) {
      this.xmlStore = store;
      return this;
    }

    /** Where block lists are kept (default: the database). */
    public Builder blockListStore(BlockListStore store) {
      this.blockListStore = store;
      return this;
    }

    /** Most items in a user's own roster (default 2000); beyond, a roster set is refused. */
    public Builder maxRosterItems(int items) {
      this.maxRosterItems = items;
      return this;
    }

    /** Most messages stored per offline user (default 1000); beyond: the sender gets an error. */
    public Builder maxOfflineMessages(int messages) {
      this.maxOfflineMessages = messages;
      return this;
    }

    /** Lets clients create accounts with XEP-0077 in-band registration (default off). */
    public Builder allowRegistration(boolean allow) {
      this.allowRegistration = allow;
      return this;
    }

    /** Where users' message archives (XEP-0313) are kept (default: the database). */
    public Builder archiveStore(ArchiveStore store) {
      this.archiveStore = store;
      return this;
    }

    /** Runs the XEP-0045 group chat service at {@code conference.<domain>} (default on). */
    public Builder mucEnabled(boolean enabled) {
      this.mucEnabled = enabled;
      return this;
    }

    /** The group chat service's subdomain (default {@code conference}). */
    public Builder mucSubdomain(String subdomain) {
      this.mucSubdomain = subdomain;
      return this;
    }

    /**
     * Messages each room keeps for history on join, and the default most it sends (the
     * {@code muc#maxhistoryfetch} of new rooms); default 20.
     */
    public Builder mucHistorySize(int messages) {
      this.mucHistorySize = messages;
      return this;
    }

    /**
     * Messages each room's XEP-0313 archive keeps, newest first, with {@link #inMemoryStorage()}
     * (default 10,000); in a database or a host {@code archiveStore} room archives are kept
     * whole, beside users' archives (owner = the room's bare JID).
     */
    public Builder mucArchiveSize(int messages) {
      this.mucArchiveSize = messages;
      return this;
    }

    /** Where persistent rooms are kept (default: in memory). */
    public Builder roomStore(RoomStore store) {
      this.roomStore = store;
      return this;
    }

    /** Room affiliations the host supplies (see {@link RoomMembershipProvider}). */
    public Builder roomMembershipProvider(RoomMembershipProvider provider) {
      this.roomMembershipProvider = provider;
      return this;
    }

    /**
     * Most archived messages one query returns (default 100); a client asking for more (or for
     * no limit) gets this many and pages on (XEP-0059).
     */
    public Builder archiveMaxPageSize(int messages) {
      this.archiveMaxPageSize = messages;
      return this;
    }

    /** How long archived messages are kept (default: forever). */
    public Builder archiveRetention(Duration retention) {
      this.archiveRetention = retention;
      return this;
    }

    /**
     * Each user's retention, by bare JID: the function returns a positive duration, or null for
     * the server-wide {@link #archiveRetention(Duration)}. Called on the blocking executor (may
     * block) when the user's archive is cleaned.
     */
    public Builder archiveRetention(Function<Jid, Duration> perUser) {
      this.archiveRetentionPerUser = perUser;
      return this;
    }

    /**
     * How often expired archived messages are removed (default 1 hour); a user's own queries
     * never see expired messages either way.
     */
    public Builder archiveSweepInterval(Duration interval) {
      this.archiveSweepInterval = interval;
      return this;
    }

    /**
     * Most messages kept per user by the built-in in-memory archive store (default 10,000); each
     * new message beyond it removes the user's oldest. Used only with {@link #inMemoryStorage()}.
     */
    public Builder archiveMemoryLimit(int messages) {
      this.archiveMemoryLimit = messages;
      return this;
    }

    /**
     * The plain HTTP port for XMPP over WebSocket (RFC 7395) and XEP-0156 host-meta
     * (default -1, off; 5280 is the usual one); 0 for any free port.
     */
    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    /**
     * The HTTPS port, with the same certificate as direct TLS (default -1, off; 5281 is the
     * usual one); 0 for any free port.
     */
    public Builder httpsPort(int port) {
      this.httpsPort = port;
      return this;
    }

    /** Where the WebSocket endpoint is on the HTTP listeners (default {@code /xmpp-websocket}). */
    public Builder webSocketPath(String path) {
      this.webSocketPath = path;
      return this;
    }

    /**
     * The origins whose pages may read host-meta (CORS) and open WebSockets; {@code *} for any
     * (the default), none for same-origin only.
     */
    public Builder corsOrigins(List<String> origins) {
      this.corsOrigins = List.copyOf(origins);
      return this;
    }

    /**
     * Whether plain {@code ws://} connections count as encrypted (default false), for a
     * TLS-terminating proxy in front (Prosody's {@code consider_websocket_secure}). With
     * {@link #tlsRequired} on and this off, clients can authenticate over {@code wss://} only.
     */
    public Builder webSocketConsideredSecure(boolean secure) {
      this.webSocketConsideredSecure = secure;
      return this;
    }

    /**
     * The public WebSocket URL host-meta advertises, such as {@code wss://chat.example.com/xmpp}
     * behind a proxy (default: the listeners' own URLs at the host the client asked for).
     */
    public Builder webSocketUrl(String url) {
      this.webSocketUrl = url;
      return this;
    }

    /** Where the BOSH endpoint (XEP-0124/0206) is on the HTTP listeners ({@code /http-bind}). */
    public Builder boshPath(String path) {
      this.boshPath = path;
      return this;
    }

    /** The longest a BOSH request is held for data (default 60 s; the client's wait if lower). */
    public Builder boshMaxWait(Duration wait) {
      this.boshMaxWait = wait;
      return this;
    }

    /** How many BOSH requests a session may have held at once (default 1, or the client's hold). */
    public Builder boshMaxHold(int hold) {
      this.boshMaxHold = hold;
      return this;
    }

    /** The BOSH request window, {@code requests} (default 2; at least hold + 1 is granted). */
    public Builder boshMaxRequests(int requests) {
      this.boshMaxRequests = requests;
      return this;
    }

    /** How long a BOSH session lives with no request held (default 60 s), then ends. */
    public Builder boshInactivity(Duration inactivity) {
      this.boshInactivity = inactivity;
      return this;
    }

    /**
     * Whether BOSH over plain {@code http://} counts as encrypted (default false), for a
     * TLS-terminating proxy in front (Prosody's {@code consider_bosh_secure}).
     */
    public Builder boshConsideredSecure(boolean secure) {
      this.boshConsideredSecure = secure;
      return this;
    }

    /**
     * Whether TLS uses BoringSSL through netty-tcnative when it loads on this platform (default
     * true: fewer CPU cycles per handshake and record); false keeps the JDK's provider, for
     * example where only the JDK's certified providers are allowed.
     */
    public Builder nativeTls(boolean preferNative) {
      this.nativeTls = preferNative;
      return this;
    }

    /**
     * Whether the server sends TLS 1.3 session tickets, with which a returning client may resume
     * its TLS session and skip the certificate's signature (default false, as Prosody and
     * ejabberd: making and sending the two tickets costs every full handshake, while an XMPP
     * client keeps its stream open for long and so seldom has a ticket to use). Applies with
     * BoringSSL ({@link #nativeTls(boolean)}); the JDK's provider follows its own system property
     * {@code jdk.tls.server.enableSessionTicketExtension}.
     */
    public Builder tlsSessionTickets(boolean send) {
      this.tlsSessionTickets = send;
      return this;
    }

    /** Where pub-sub and PEP nodes and items are kept (default: in memory). */
    public Builder pubSubStore(PubSubStore store) {
      this.pubSubStore = store;
      return this;
    }

    /** The host's say on who may subscribe to, retrieve from or publish to a node. */
    public Builder nodeAccessPolicy(NodeAccessPolicy policy) {
      this.nodeAccessPolicy = policy;
      return this;
    }

    /** The XEP-0060 service's domain (default {@code pubsub.<domain>}). */
    public Builder pubSubDomain(String domain) {
      this.pubSubDomain = domain;
      return this;
    }

    /** Most items a pub-sub node keeps ({@code pubsub#max_items} "max", default 1000). */
    public Builder pubSubMaxItems(int items) {
      this.pubSubMaxItems = items;
      return this;
    }

    /**
     * How many pub-sub nodes keep their subscriber list in memory, so that a publish reads no
     * rows (default 10,000; the least recently used beyond that are read again when needed).
     */
    public Builder pubSubCachedNodes(int nodes) {
      this.pubSubCachedNodes = nodes;
      return this;
    }

    /**
     * Keeps every store in this database (PostgreSQL, or H2) instead of the embedded H2 file
     * database, through a pool of {@link #databasePoolSize} connections Parley opens and closes.
     * The schema is created or upgraded when the server is built.
     */
    public Builder database(String jdbcUrl, String user, String password) {
      this.databaseUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      this.databaseUser = user;
      this.databasePassword = password;
      return this;
    }

    /**
     * Keeps every store in the host's database. Parley borrows connections and never closes the
     * DataSource; the schema (tables prefixed {@code parley_}) is created or upgraded when the
     * server is built.
     */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** Connections in Parley's own pool (default 10); not used with {@link #dataSource}. */
    public Builder databasePoolSize(int connections) {
      this.databasePoolSize = connections;
      return this;
    }

    /**
     * Keeps every store in memory: nothing is written to disk and everything is lost when the
     * server stops (tests, demos).
     */
    public Builder inMemoryStorage() {
      this.inMemoryStorage = true;
      return this;
    }

    /** Where pending inbound subscription requests are kept (default: the database). */
    public Builder subscriptionRequestStore(SubscriptionRequestStore store) {
      this.subscriptionRequestStore = store;
      return this;
    }

    /** Where users' last logouts (XEP-0012) are kept (default: the database). */
    public Builder lastActivityStore(LastActivityStore store) {
      this.lastActivityStore = store;
      return this;
    }

    /**
     * Most subscriptions one account holds on one pub-sub or PEP node (XEP-0060 §6.1.6
     * multi-subscribe; default 16); one more is refused with {@code too-many-subscriptions}.
     */
    public Builder pubSubMaxSubscriptionsPerJid(int subscriptions) {
      this.pubSubMaxSubscriptionsPerJid = subscriptions;
      return this;
    }

    /**
     * Most nodes one account may create on the pub-sub service, and most PEP nodes an account
     * may have (default 1000); one more is refused with {@code max-nodes-exceeded}.
     */
    public Builder pubSubMaxNodesPerOwner(int nodes) {
      this.pubSubMaxNodesPerOwner = nodes;
      return this;
    }

    /**
     * Validates the configuration and builds the server (not started). Opens the database and
     * creates or upgrades its schema (blocking).
     *
     * @throws IllegalArgumentException for an invalid setting
     */
    public Parley build() {
      Jid domainJid = Jid.domain(domain);
      checkPort(tcpPort, "tcpPort");
      checkPort(directTlsPort, "directTlsPort");
      if (tcpPort >= 0 && tcpPort == directTlsPort && tcpPort != 0) {
        throw new IllegalArgumentException("tcpPort and directTlsPort are the same");
      }
      if ((tlsKey == null) != (tlsCertificate == null)) {
        throw new IllegalArgumentException("give both the TLS key and the certificate, or none");
      }
      positive(maxStanzaBytes, "maxStanzaBytes");
      if (maxStanzaBytes < 1024) {
        throw new IllegalArgumentException("maxStanzaBytes must be at least 1024");
      }
      if (maxXmlDepth < 3) {
        throw new IllegalArgumentException("maxXmlDepth must be at least 3");
      }
      positive(mailboxCapacity, "mailboxCapacity");
      positive(storageBacklog, "storageBacklog");
      positive(writeBufferHighWaterMark, "writeBufferHighWaterMark");
      positive(idleTimeout, "idleTimeout");
      positive(keepaliveInterval, "keepaliveInterval");
      if (shutdownTimeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative");
      }
      positive(maxAuthAttempts, "maxAuthAttempts");
      positive(eventLoopThreads, "eventLoopThreads");
      positive(blockingThreads, "blockingThreads");
      positive(blockingQueueCapacity, "blockingQueueCapacity");
      positive(maxRosterItems, "maxRosterItems");
      positive(maxOfflineMessages, "maxOfflineMessages");
      positive(archiveMaxPageSize, "archiveMaxPageSize");
      if (archiveRetention != null) {
        positive(archiveRetention, "archiveRetention");
      }
      positive(archiveSweepInterval, "archiveSweepInterval");
      positive(archiveMemoryLimit, "archiveMemoryLimit");
      checkPort(httpPort, "httpPort");
      checkPort(httpsPort, "httpsPort");
      checkDistinctPorts(tcpPort, directTlsPort, httpPort, httpsPort);
      if (webSocketPath == null || !webSocketPath.startsWith("/")
          || webSocketPath.startsWith("/.well-known/") || webSocketPath.contains("?")) {
        throw new IllegalArgumentException(
            "webSocketPath must be an absolute path outside /.well-known/, without a query");
      }
      for (String origin : corsOrigins) {
        if (origin == null || origin.isBlank()) {
          throw new IllegalArgumentException("corsOrigins must not hold blank origins");
        }
      }
      if (webSocketUrl != null && !webSocketUrl.startsWith("ws://")
          && !webSocketUrl.startsWith("wss://")) {
        throw new IllegalArgumentException("webSocketUrl must be a ws:// or wss:// URL");
      }
      if (boshPath == null || !boshPath.startsWith("/") || boshPath.startsWith("/.well-known/")
          || boshPath.contains("?") || boshPath.equals(webSocketPath)) {
        throw new IllegalArgumentException("boshPath must be an absolute path outside"
            + " /.well-known/, without a query, other than webSocketPath");
      }
      if (boshMaxWait == null || boshMaxWait.toSeconds() < 1) {
        throw new IllegalArgumentException("boshMaxWait must be at least one second");
      }
      if (boshMaxHold < 0) {
        throw new IllegalArgumentException("boshMaxHold must not be negative");
      }
      positive(boshMaxRequests, "boshMaxRequests");
      if (boshInactivity == null || boshInactivity.toSeconds() < 1) {
        throw new IllegalArgumentException("boshInactivity must be at least one second");
      }
      Objects.requireNonNull(resourceConflict, "resourceConflict");
      positive(pubSubMaxItems, "pubSubMaxItems");
      positive(pubSubCachedNodes, "pubSubCachedNodes");
      if (pubSubDomain != null) {
        Jid service = Jid.domain(pubSubDomain);
        if (service.domain().equals(domainJid.domain())) {
          throw new IllegalArgumentException("pubSubDomain must differ from the domain");
        }
      }
      positive(mucArchiveSize, "mucArchiveSize");
      if (mucHistorySize < 0) {
        throw new IllegalArgumentException("mucHistorySize must not be negative");
      }
      Objects.requireNonNull(mucSubdomain, "mucSubdomain");
      Jid.domain(mucSubdomain + "." + domain); // a valid domain, or InvalidJidException
      Objects.requireNonNull(dataDirectory, "dataDirectory");
      positive(pubSubMaxSubscriptionsPerJid, "pubSubMaxSubscriptionsPerJid");
      positive(pubSubMaxNodesPerOwner, "pubSubMaxNodesPerOwner");
      positive(databasePoolSize, "databasePoolSize");
      if ((databaseUrl != null ? 1 : 0) + (dataSource != null ? 1 : 0)
          + (inMemoryStorage ? 1 : 0) > 1) {
        throw new IllegalArgumentException(
            "choose one of database(...), dataSource(...) and inMemoryStorage()");
      }
      Stores stores = openStores();
      ExecutorService owned = null;
      Executor blocking = blockingExecutor;
      if (blocking == null) {
        owned = blockingPool(blockingThreads, blockingQueueCapacity);
        blocking = owned;
      }
      ServerConfig config = new ServerConfig(domainJid, bindAddress, tcpPort, directTlsPort,
          tlsRequired, tlsKey, tlsCertificate, dataDirectory, maxStanzaBytes, maxXmlDepth,
          mailboxCapacity, storageBacklog, writeBufferHighWaterMark, idleTimeout,
          keepaliveInterval,          shutdownTimeout, maxAuthAttempts, resourceConflict, eventLoopThreads,
          credentialStore == null ? stores.credentials() : credentialStore,
          authenticator, blocking, iqHandlers, interceptors, sessionListeners, presenceListeners,
          rosterProvider, rosterStore, offlineStore, xmlStore, blockListStore, maxRosterItems,
          maxOfflineMessages, allowRegistration, archiveStore, archiveMaxPageSize,
          archiveRetention, archiveRetentionPerUser, archiveSweepInterval, archiveMemoryLimit,
          httpPort, httpsPort, webSocketPath, corsOrigins,
          webSocketConsideredSecure, webSocketUrl,
          nativeTls, tlsSessionTickets,
          pubSubStore, nodeAccessPolicy, pubSubDomain,
          pubSubMaxItems, pubSubCachedNodes,
          stores, subscriptionRequestStore,
          lastActivityStore,
          mucEnabled, mucSubdomain, mucHistorySize,
          mucArchiveSize,
          roomStore, roomMembershipProvider,
          boshPath, boshMaxWait, boshMaxHold, boshMaxRequests, boshInactivity,
          boshConsideredSecure,
          pubSubMaxSubscriptionsPerJid, pubSubMaxNodesPerOwner);
      try {
        return new Parley(config, owned);
      } catch (RuntimeException e) {
        if (owned != null) {
          owned.shutdown();
        }
        stores.close();
        throw e;
      }
    }

    private Stores openStores() {
      if (inMemoryStorage) {
        return new InMemoryStores();
      }
      if (dataSource != null) {
        return JdbcStorage.hostDataSource(dataSource);
      }
      if (databaseUrl != null) {
        return JdbcStorage.open(databaseUrl, databaseUser, databasePassword, databasePoolSize);
      }
      return JdbcStorage.embedded(dataDirectory, databasePoolSize);
    }

    private static ExecutorService blockingPool(int threads, int queueCapacity) {
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, "parley-blocking-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }

    private static void checkPort(int port, String name) {
      if (port < -1 || port > 65535) {
        throw new IllegalArgumentException(name + " must be -1 (off), 0 (any) or a port number");
      }
    }

    private static void checkDistinctPorts(int... ports) {
      for (int i = 0; i < ports.length; i++) {
        for (int j = i + 1; j < ports.length; j++) {
          if (ports[i] > 0 && ports[i] == ports[j]) {
            throw new IllegalArgumentException("two listeners on port " + ports[i]);
          }
        }
      }
    }

    private static void positive(int value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive");
      }
    }

    private static void positive(Duration value, String name) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
    }
  }
}
