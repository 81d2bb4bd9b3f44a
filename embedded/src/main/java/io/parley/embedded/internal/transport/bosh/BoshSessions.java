package io.parley.embedded.internal.transport.bosh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.stream.C2sStreams;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlLimits;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.embedded.internal.xml.XmlWriter;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.InvalidJidException;
import io.parley.spi.stanza.Jid;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BOSH connection manager (XEP-0124 v1.11.2 with XEP-0206 v1.4), independent of the HTTP
 * server: a binding hands it each request's body with a {@link BoshResponder}, and the answer goes
 * out through that callback, maybe much later (held requests). Each session is a
 * {@link BoshSession} adapting the one session core, {@code C2sStream}.
 *
 * <p>Answers to requests that belong to no session are terminal binding conditions (§17.2) in an
 * HTTP 200 body: {@code bad-request} for a body that is not XML, not a {@code <body/>} in the
 * httpbind namespace, or lacks {@code rid} (or, creating a session, {@code to}, {@code wait},
 * {@code hold}); {@code host-unknown} for another domain; {@code item-not-found} for an unknown
 * {@code sid}.
 */
@Singleton
public final class BoshSessions {
  private static final Logger log = LoggerFactory.getLogger(BoshSessions.class);
  public static final String NAMESPACE = "http://jabber.org/protocol/httpbind";
  public static final String XBOSH_NAMESPACE = "urn:xmpp:xbosh";
  static final String XMPP_VERSION = "{" + XBOSH_NAMESPACE + "}version";
  static final String XMPP_RESTART = "{" + XBOSH_NAMESPACE + "}restart";
  /** The XEP-0124 version we implement, for the {@code ver} attribute. */
  static final String VERSION = "1.11";

  private final ServerConfig config;
  private final C2sStreams streams;
  private final XmlLimits limits;
  private final Map<String, BoshSession> sessions = new ConcurrentHashMap<>();
  /**
   * Session ids are bearer tokens, so unguessable; sids are made on event loops, where the
   * platform default may read the OS entropy source, so a PRNG seeded once from it here.
   */
  private final SecureRandom random;

  @Inject
  public BoshSessions(ServerConfig config, C2sStreams streams) {
    this.config = config;
    this.streams = streams;
    this.limits = new XmlLimits(config.maxStanzaBytes(), config.maxXmlDepth());
    try {
      this.random = SecureRandom.getInstance("SHA1PRNG");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA1PRNG", e);
    }
    random.setSeed(new SecureRandom().generateSeed(32));
  }

  public ServerConfig config() {
    return config;
  }

  C2sStreams streams() {
    return streams;
  }

  /** Open sessions, authenticated or not. */
  public int size() {
    return sessions.size();
  }

  /** Serves one request; {@code body} is the HTTP request body. */
  public void handle(byte[] body, BoshRequest request, BoshResponder responder) {
    Element root;
    try {
      root = parse(body);
    } catch (XmlStreamException e) {
      log.debug("{}: bad BOSH body: {}", request.remoteAddress(), e.getMessage());
      responder.respond(terminate("bad-request"));
      return;
    }
    long rid = rid(root.attribute("rid"));
    if (!"body".equals(root.name()) || !NAMESPACE.equals(root.namespace()) || rid < 0) {
      responder.respond(terminate("bad-request"));
      return;
    }
    String sid = root.attribute("sid");
    if (sid == null) {
      create(root, rid, request, responder);
      return;
    }
    BoshSession session = sessions.get(sid);
    if (session == null) {
      responder.respond(terminate("item-not-found"));
      return;
    }
    session.receive(rid, root, request, responder);
  }

  private void create(Element root, long rid, BoshRequest request, BoshResponder responder) {
    int wait = nonNegative(root.attribute("wait"));
    int hold = nonNegative(root.attribute("hold"));
    String to = root.attribute("to");
    if (wait < 0 || hold < 0 || to == null) {
      responder.respond(terminate("bad-request"));
      return;
    }
    if (!ourDomain(to)) {
      responder.respond(terminate("host-unknown"));
      return;
    }
    // §7.2: the manager may lower what the client asked for, never raise it.
    int maxWait = (int) Math.max(1, config.boshMaxWait().toSeconds());
    int heldAtOnce = Math.min(hold, config.boshMaxHold());
    int requests = Math.max(config.boshMaxRequests(), heldAtOnce + 1);
    String sid = newSid();
    BoshSession session = new BoshSession(this, sid, Math.min(Math.max(wait, 1), maxWait),
        heldAtOnce, requests, config.boshInactivity(), request);
    sessions.put(sid, session);
    log.debug("{}: BOSH session {} created", request.remoteAddress(), sid);
    request.executor().execute(() -> session.start(rid, root, responder));
  }

  void remove(BoshSession session) {
    sessions.remove(session.sid(), session);
  }

  /** Ends every session with {@code system-shutdown} and waits up to {@code grace} for them. */
  public void shutdown(Duration grace) {
    shutdown(null, grace);
  }

  /**
   * Ends, as {@link #shutdown(Duration)} does, the sessions that run on {@code executor} (all when
   * it is null): for a servlet going away while the server stays.
   */
  public void shutdown(Executor executor, Duration grace) {
    for (BoshSession s : sessions.values()) {
      if (executor != null && s.executor() != executor) {
        continue;
      }
      try {
        s.executor().execute(() -> {
          // A held request carries the error; without one there is no one left to tell.
          s.fail(StreamErrorCondition.SYSTEM_SHUTDOWN);
          remove(s);
        });
      } catch (RuntimeException e) {
        sessions.remove(s.sid()); // its executor is gone already
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (sessions.values().stream().anyMatch(s -> executor == null || s.executor() == executor)
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Element parse(byte[] body) throws XmlStreamException {
    Element[] root = new Element[1];
    XmlStreamParser parser = XmlStreamParser.forMessages(limits, new XmlStreamParser.Listener() {
      @Override
      public void streamOpened(StreamHeader header) throws XmlStreamException {
        throw new XmlStreamException(StreamErrorCondition.BAD_FORMAT, "a stream header");
      }

      @Override
      public void element(Element element) {
        root[0] = element;
      }

      @Override
      public void streamClosed() throws XmlStreamException {
        throw new XmlStreamException(StreamErrorCondition.BAD_FORMAT, "a stream end");
      }
    });
    ByteBuf in = Unpooled.wrappedBuffer(body);
    parser.feedMessage(in);
    if (root[0] == null) {
      throw new XmlStreamException(StreamErrorCondition.BAD_FORMAT, "no element");
    }
    return root[0];
  }

  private boolean ourDomain(String to) {
    try {
      return Jid.of(to).equals(config.domain());
    } catch (InvalidJidException e) {
      return false;
    }
  }

  private String newSid() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** §7.1: a positive integer below 2^53 (so clients in JavaScript can count), else -1. */
  static long rid(String value) {
    if (value == null || value.isEmpty() || value.length() > 16) {
      return -1;
    }
    try {
      long rid = Long.parseLong(value);
      return rid >= 0 && rid < (1L << 53) ? rid : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int nonNegative(String value) {
    if (value == null || value.isEmpty() || value.length() > 9) {
      return -1;
    }
    try {
      return Math.max(-1, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A terminal binding condition (§17.2) as the whole response. */
  static byte[] terminate(String condition) {
    return serialize(Element.builder("body", NAMESPACE)
        .attribute("type", "terminate").attribute("condition", condition).build());
  }

  static byte[] serialize(Element body) {
    ByteBuf out = Unpooled.buffer(256);
    try {
      XmlWriter.writeElement(out, body, "");
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }
}
