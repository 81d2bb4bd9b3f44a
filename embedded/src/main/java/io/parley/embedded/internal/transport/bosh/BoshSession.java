package io.parley.embedded.internal.transport.bosh;

import io.parley.embedded.internal.stream.C2sStream;
import io.parley.embedded.internal.stream.StreamFraming;
import io.parley.embedded.internal.stream.StreamTransport;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BOSH session (XEP-0124 with XEP-0206) as a transport of the session core: the payloads of
 * requests, taken in {@code rid} order, feed the {@link C2sStream}; what it writes waits for a held
 * request to carry it.
 *
 * <p>Threading: stream processing and timers run on {@link #executor()}; writes may also come
 * from a session's serial executor (host interceptors), so the request and output state is
 * guarded by this object's monitor, and the core is never called while holding it.
 */
final class BoshSession implements StreamTransport {
  private static final Logger log = LoggerFactory.getLogger(BoshSession.class);

  private final BoshSessions manager;
  private final String sid;
  private final int waitSeconds;
  private final int hold;
  private final int requests;
  private final Duration inactivity;
  private final boolean secure;
  private final ScheduledExecutorService executor;
  private final C2sStream stream;
  private volatile SocketAddress remoteAddress;

  // Guarded by this.
  private long nextRid;
  private final TreeMap<Long, Pending> buffered = new TreeMap<>();
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  /** Recent answers by rid, to send again for a repeated request (§14.3). */
  private final Map<Long, byte[]> answered = new LinkedHashMap<>();
  private final List<Element> out = new ArrayList<>();
  private boolean creationPending = true;
  private String streamId;
  /** The core ended the stream: the next answer is {@code type='terminate'}. */
  private boolean terminated;
  private boolean ended;
  private boolean blocked;
  private ScheduledFuture<?> inactivityTimer;

  private record Pending(long rid, Element body, BoshResponder responder) {}

  private static final class Held {
    final long rid;
    BoshResponder responder;
    ScheduledFuture<?> waitTimer;

    Held(long rid, BoshResponder responder) {
      this.rid = rid;
      this.responder = responder;
    }
  }

  BoshSession(BoshSessions manager, String sid, int waitSeconds, int hold, int requests,
      Duration inactivity, BoshRequest creator) {
    this.manager = manager;
    this.sid = sid;
    this.waitSeconds = waitSeconds;
    this.hold = hold;
    this.requests = requests;
    this.inactivity = inactivity;
    this.secure = creator.secure();
    this.executor = creator.executor();
    this.remoteAddress = creator.remoteAddress();
    this.stream = manager.streams().create(this);
  }

  String sid() {
    return sid;
  }

  @Override
  public ScheduledExecutorService executor() {
    return executor;
  }

  /** The session creation request (§7.1): its header opens the stream. */
  void start(long rid, Element body, BoshResponder responder) {
    synchronized (this) {
      nextRid = rid + 1;
      hold(rid, responder);
    }
    stream.streamOpened(header(body));
    deliver();
  }

  /** Any later request, on any thread. */
  void receive(long rid, Element body, BoshRequest request, BoshResponder responder) {
    executor.execute(() -> onRequest(rid, body, request, responder));
  }

  private void onRequest(long rid, Element body, BoshRequest request, BoshResponder responder) {
    List<Pending> ready = new ArrayList<>();
    synchronized (this) {
      if (ended) {
        responder.respond(BoshSessions.terminate("item-not-found"));
        return;
      }
      cancelInactivity();
      remoteAddress = request.remoteAddress();
      byte[] again = answered.get(rid);
      if (again != null) {
        // §14.3: a repeated request gets the same answer again.
        responder.respond(again);
        scheduleInactivityIfIdle();
        return;
      }
      for (Held h : held) {
        if (h.rid == rid) {
          // The client gave up on the first connection and asks again: this one waits instead.
          BoshResponder old = h.responder;
          h.responder = responder;
          old.respond(BoshSessions.serialize(emptyBody()));
          return;
        }
      }
      if (rid < nextRid || rid >= nextRid + requests) {
        // §14.3 and §17.2: a rid answered too long ago to resend, or beyond the window.
        log.debug("BOSH session {}: rid {} outside [{}, {})", sid, rid, nextRid,
            nextRid + requests);
        endWith(responder, "item-not-found");
        return;
      }
      Pending replaced = buffered.put(rid, new Pending(rid, body, responder));
      if (replaced != null) {
        replaced.responder().respond(BoshSessions.serialize(emptyBody()));
      }
      while (!buffered.isEmpty() && buffered.firstKey() == nextRid) {
        ready.add(buffered.pollFirstEntry().getValue());
        nextRid++;
      }
      if (ready.isEmpty()) {
        scheduleInactivityIfIdle();
      }
    }
    for (Pending p : ready) {
      process(p);
    }
  }

  /** One request's payload, in rid order (§14.1). */
  private void process(Pending p) {
    boolean closed;
    synchronized (this) {
      hold(p.rid(), p.responder());
      closed = terminated || ended;
    }
    if (!closed) {
      Element body = p.body();
      if ("true".equals(body.attribute(BoshSessions.XMPP_RESTART))) {
        // XEP-0206 §5: the restart after SASL success, instead of a new stream header.
        stream.streamOpened(header(body));
      } else {
        for (Element child : body.elements()) {
          if (!stream.isOpen()) {
            break;
          }
          stream.element(child);
        }
      }
      if ("terminate".equals(body.attribute("type"))) {
        // §13: the client ends the session; its stanzas above went first.
        stream.streamClosed();
      }
    }
    deliver();
  }

  /** Ends the session at once with a terminal condition, answering every waiting request. */
  private void endWith(BoshResponder responder, String condition) {
    List<BoshResponder> others = new ArrayList<>();
    synchronized (this) {
      for (Held h : held) {
        cancel(h.waitTimer);
        others.add(h.responder);
      }
      held.clear();
      for (Pending p : buffered.values()) {
        others.add(p.responder());
      }
      buffered.clear();
      ended = true;
      cancelInactivity();
    }
    manager.remove(this);
    byte[] terminate = BoshSessions.terminate(condition);
    responder.respond(terminate);
    others.forEach(r -> r.respond(terminate));
    executor.execute(stream::connectionClosed);
  }

  /** Ends the stream with a stream error; the error goes out in a terminate body. */
  void fail(StreamErrorCondition condition) {
    stream.fail(condition, null);
  }

  private void hold(long rid, BoshResponder responder) {
    Held h = new Held(rid, responder);
    held.add(h);
    h.waitTimer = executor.schedule(() -> waitElapsed(h), waitSeconds, TimeUnit.SECONDS);
  }

  private void waitElapsed(Held h) {
    synchronized (this) {
      if (!held.remove(h)) {
        return;
      }
      answer(h, emptyBody());
      scheduleInactivityIfIdle();
    }
  }

  /**
   * Answers held requests: the oldest carries what is waiting, and those beyond {@code hold}
   * go back empty (§11); once the stream ended, every one gets {@code type='terminate'}.
   */
  private void deliver() {
    boolean unblock = false;
    synchronized (this) {
      while (!held.isEmpty()) {
        if (terminated) {
          answer(held.poll(), terminateBody());
          continue;
        }
        if (!out.isEmpty() || held.size() > hold) {
          answer(held.poll(), body());
          continue;
        }
        break;
      }
      if (terminated && !ended && out.isEmpty() && wasTerminateSent) {
        ended = true;
        for (Pending p : buffered.values()) {
          p.responder().respond(BoshSessions.terminate("item-not-found"));
        }
        buffered.clear();
        manager.remove(this);
      }
      scheduleInactivityIfIdle();
      if (blocked && out.size() < manager.config().mailboxCapacity()) {
        blocked = false;
        unblock = true;
      }
    }
    if (unblock) {
      executor.execute(stream::writable);
    }
  }

  private boolean wasTerminateSent;

  private Element body() {
    Element.Builder b = Element.builder("body", BoshSessions.NAMESPACE);
    if (creationPending) {
      // §7.2 and XEP-0206 §4: the session creation response.
      creationPending = false;
      b.attribute("sid", sid)
          .attribute("wait", Integer.toString(waitSeconds))
          .attribute("requests", Integer.toString(requests))
          .attribute("hold", Integer.toString(hold))
          .attribute("inactivity", Long.toString(inactivity.toSeconds()))
          .attribute("polling", "2")
          .attribute("ver", BoshSessions.VERSION)
          .attribute("from", manager.config().domain().toString());
      if (streamId != null) {
        b.attribute("authid", streamId);
      }
      if (secure) {
        b.attribute("secure", "true");
      }
      b.attribute("xmlns:xmpp", BoshSessions.XBOSH_NAMESPACE)
          .attribute("xmpp:version", "1.0")
          .attribute("xmpp:restartlogic", "true");
    }
    // XEP-0206 §2: stream features and errors keep their stream: prefix, declared here.
    b.attribute("xmlns:stream", StreamHeader.STREAMS_NAMESPACE);
    for (Element e : out) {
      b.child(e);
    }
    out.clear();
    return b.build();
  }

  private Element terminateBody() {
    boolean streamError = false;
    for (Element e : out) {
      streamError |= "error".equals(e.name())
          && StreamHeader.STREAMS_NAMESPACE.equals(e.namespace());
    }
    Element body = body().withAttribute("type", "terminate");
    wasTerminateSent = true;
    // XEP-0206 §6: a stream error travels with the remote-stream-error condition.
    return streamError ? body.withAttribute("condition", "remote-stream-error") : body;
  }

  private Element emptyBody() {
    return Element.of("body", BoshSessions.NAMESPACE);
  }

  private void answer(Held h, Element body) {
    cancel(h.waitTimer);
    byte[] bytes = BoshSessions.serialize(body);
    answered.put(h.rid, bytes);
    Iterator<Long> oldest = answered.keySet().iterator();
    while (answered.size() > requests) {
      oldest.next();
      oldest.remove();
    }
    h.responder.respond(bytes);
  }

  private void scheduleInactivityIfIdle() {
    if (held.isEmpty() && !ended && inactivityTimer == null) {
      inactivityTimer = executor.schedule(this::inactive, inactivity.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private void cancelInactivity() {
    cancel(inactivityTimer);
    inactivityTimer = null;
  }

  private void inactive() {
    synchronized (this) {
      if (!held.isEmpty() || ended || inactivityTimer == null) {
        return;
      }
      inactivityTimer = null;
      ended = true;
      for (Pending p : buffered.values()) {
        p.responder().respond(BoshSessions.terminate("item-not-found"));
      }
      buffered.clear();
    }
    // §8: no request for the inactivity period ends the session, like a dropped connection.
    log.debug("BOSH session {} inactive", sid);
    manager.remove(this);
    stream.connectionClosed();
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  private static StreamHeader header(Element body) {
    Map<String, String> attributes = new LinkedHashMap<>();
    String to = body.attribute("to");
    if (to != null) {
      attributes.put("to", to);
    }
    String version = body.attribute(BoshSessions.XMPP_VERSION);
    if (version == null && "true".equals(body.attribute(BoshSessions.XMPP_RESTART))) {
      version = "1.0"; // the restart need not repeat it
    }
    if (version != null) {
      attributes.put("version", version);
    }
    String lang = body.attribute("xml:lang");
    if (lang != null) {
      attributes.put("xml:lang", lang);
    }
    return new StreamHeader("stream", "stream", StreamHeader.STREAMS_NAMESPACE,
        Stanza.CLIENT_NAMESPACE, attributes);
  }

  // ---- StreamTransport

  @Override
  public String name() {
    return "bosh";
  }

  @Override
  public StreamFraming framing() {
    return StreamFraming.BOSH;
  }

  @Override
  public SocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public boolean canStartTls() {
    return false; // XEP-0206 §2: encryption is the HTTP layer's
  }

  @Override
  public synchronized void openStream(StreamHeader header) {
    if (streamId == null) {
      streamId = header.attribute("id");
    }
  }

  @Override
  public synchronized void write(Element element) {
    out.add(element);
  }

  @Override
  public synchronized void write(Stanza stanza) {
    out.add(stanza.toElement());
  }

  @Override
  public void flush() {
    deliver();
  }

  @Override
  public synchronized boolean isWritable() {
    if (out.size() >= manager.config().mailboxCapacity()) {
      blocked = true;
      return false;
    }
    return true;
  }

  @Override
  public void startTls() {
    throw new UnsupportedOperationException("no STARTTLS over BOSH");
  }

  @Override
  public void restartStream() {
    // The restart is the client's next body with xmpp:restart='true'.
  }

  @Override
  public void pauseReading() {
    // Each request is read whole; the client waits for answers anyway.
  }

  @Override
  public void resumeReading() {
  }

  @Override
  public void closeStream() {
    synchronized (this) {
      terminated = true;
    }
    deliver();
  }
}
