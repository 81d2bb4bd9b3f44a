package io.parley.embedded.internal.stream;

import io.parley.embedded.ResourceConflictPolicy;
import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.session.InterceptorChain;
import io.parley.embedded.internal.sasl.SaslFailure;
import io.parley.embedded.internal.sasl.SaslMechanisms;
import io.parley.embedded.internal.sasl.SaslServerMechanism;
import io.parley.embedded.internal.sasl.SaslStep;
import io.parley.embedded.internal.session.Addressing;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionEvents;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.session.StanzaRouting;
import io.parley.embedded.internal.session.StorageBacklog;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.embedded.internal.xml.StreamHeader;
import io.parley.embedded.internal.xml.XmlStreamException;
import io.parley.embedded.internal.xml.XmlStreamParser;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.InvalidJidException;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaFormatException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-to-server stream (RFC 6120), transport-independent: stream headers, STARTTLS, SASL,
 * resource binding, then stanzas handed to the router. It receives parser events and transport
 * events on the connection's thread and writes through a {@link StreamTransport}.
 *
 * <pre>{@code
 * C: <stream:stream to='example.com' version='1.0' xmlns='jabber:client' xmlns:stream='…'>
 * S: <stream:stream from='example.com' id='…' version='1.0' …><stream:features>…
 * }</pre>
 */
public final class C2sStream implements XmlStreamParser.Listener {
  private static final Logger log = LoggerFactory.getLogger(C2sStream.class);

  private enum State { AWAIT_HEADER, NEGOTIATING, AUTH_PENDING, BOUND, CLOSED }

  private final Deps deps;
  private final StreamTransport transport;
  private final StreamFraming framing;
  private State state = State.AWAIT_HEADER;
  private boolean headerSent;
  private String username;
  private SaslServerMechanism sasl;
  private int authFailures;
  private ClientSession session;
  private SerialExecutor serial;

  C2sStream(Deps deps, StreamTransport transport) {
    this.deps = deps;
    this.transport = transport;
    this.framing = transport.framing();
  }

  /** What every stream shares; built once by Dagger. */
  record Deps(
      ServerConfig config,
      SaslMechanisms mechanisms,
      SessionRegistry registry,
      StanzaRouting router,
      InterceptorChain interceptors,
      SessionEvents events,
      Set<BoundStreamFeature> boundFeatures,
      Set<PreAuthIqHandler> preAuthIqs,
      Executor blocking,
      StorageBacklog storageBacklog,
      FeatureSets featureSets) {}

  // ---- parser events

  @Override
  public void streamOpened(StreamHeader header) {
    if (state != State.AWAIT_HEADER) {
      // Over TCP a second header is nested XML; over WebSocket it is a well-formed <open/>.
      fail(framing.markersAreElements() ? StreamErrorCondition.BAD_FORMAT
          : StreamErrorCondition.NOT_WELL_FORMED, "unexpected stream header");
      return;
    }
    Jid domain = deps.config().domain();
    String clientFrom = header.attribute("from");
    openStream(clientFrom);
    if (!framing.acceptsHeader(header)) {
      fail(StreamErrorCondition.INVALID_NAMESPACE, null);
      return;
    }
    if (!isVersion1(header.attribute("version"))) {
      fail(StreamErrorCondition.UNSUPPORTED_VERSION, null);
      return;
    }
    String to = header.attribute("to");
    if (to == null || !sameDomain(to, domain)) {
      fail(StreamErrorCondition.HOST_UNKNOWN, null);
      return;
    }
    state = State.NEGOTIATING;
    transport.write(deps.featureSets().get(username != null, transport.isSecure(),
        transport.canStartTls(), this::features));
    transport.flush();
  }

  @Override
  public void element(Element element) {
    if (framing.markersAreElements()) {
      // RFC 7395 §3.3: <open/> and <close/> are elements like the rest; before an <open/>,
      // whatever comes is read as the header it should have been (and refused as one).
      if (StreamFraming.FRAMING_NAMESPACE.equals(element.namespace())
          && "close".equals(element.name())) {
        streamClosed();
        return;
      }
      if (state == State.AWAIT_HEADER || (StreamFraming.FRAMING_NAMESPACE.equals(
          element.namespace()) && "open".equals(element.name()))) {
        streamOpened(StreamFraming.headerOf(element));
        return;
      }
    }
    switch (state) {
      case NEGOTIATING -> negotiate(element);
      case BOUND -> stanza(element);
      case AUTH_PENDING -> fail(StreamErrorCondition.POLICY_VIOLATION,
          "data sent while authentication is in progress");
      default -> { } // closed, or awaiting a header (the parser rejects elements before it)
    }
  }

  @Override
  public void streamClosed() {
    if (state == State.CLOSED) {
      return;
    }
    // RFC 6120 §4.4: answer the closing tag with ours, then end the connection.
    state = State.CLOSED;
    transport.closeStream();
    ended();
  }

  // ---- transport events

  /** The parser rejected the input. */
  public void parseError(XmlStreamException e) {
    fail(e.condition(), null);
  }

  /** Nothing arrived for the idle timeout (RFC 6120 §4.6.2). */
  public void idle() {
    fail(StreamErrorCondition.CONNECTION_TIMEOUT, null);
  }

  /** The connection is gone, for whatever reason. */
  public void connectionClosed() {
    if (state != State.CLOSED) {
      state = State.CLOSED;
    }
    ended();
  }

  public void writable() {
    if (session != null) {
      session.writable();
    }
  }

  public boolean isOpen() {
    return state != State.CLOSED;
  }

  /**
   * Ends the stream sending the client to another endpoint (RFC 7395 §3.6.1: {@code <close/>}
   * with {@code see-other-uri}); only for framings whose stream end is an element.
   */
  public void redirect(String seeOtherUri) {
    if (!framing.markersAreElements()) {
      throw new UnsupportedOperationException("see-other-uri needs RFC 7395 framing");
    }
    if (state == State.CLOSED) {
      return;
    }
    if (!headerSent) {
      openStream(null);
    }
    state = State.CLOSED;
    transport.closeStream(seeOtherUri);
    ended();
  }

  /** Ends the stream with a stream error (RFC 6120 §4.9), sending a header first if needed. */
  public void fail(StreamErrorCondition condition, String text) {
    if (state == State.CLOSED) {
      return;
    }
    if (!headerSent) {
      openStream(null);
    }
    state = State.CLOSED;
    Element.Builder error = Element.builder("error", StreamHeader.STREAMS_NAMESPACE)
        .child(Element.of(condition.wireName(), StreamErrorCondition.NAMESPACE));
    if (text != null) {
      error.child(Element.builder("text", StreamErrorCondition.NAMESPACE).text(text).build());
    }
    transport.write(error.build());
    transport.closeStream();
    ended();
  }

  // ---- negotiation

  private void negotiate(Element e) {
    String ns = e.namespace();
    if (Namespaces.TLS.equals(ns) && "starttls".equals(e.name())) {
      startTls();
    } else if (Namespaces.SASL.equals(ns)) {
      sasl(e);
    } else if (Stanza.CLIENT_NAMESPACE.equals(ns)) {
      if (username != null && "iq".equals(e.name())) {
        bind(e);
      } else if (username == null && "iq".equals(e.name()) && preAuthHandler(e) != null) {
        preAuthIq(e, preAuthHandler(e));
      } else {
        // RFC 6120 §4.9.3.12: stanzas before authentication (and, here, before binding).
        fail(StreamErrorCondition.NOT_AUTHORIZED, null);
      }
    } else {
      fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, null);
    }
  }

  private void startTls() {
    if (!transport.canStartTls() || transport.isSecure() || username != null) {
      // RFC 6120 §5.4.2.2: the failure case; the stream ends after it.
      transport.write(Element.of("failure", Namespaces.TLS));
      state = State.CLOSED;
      transport.closeStream();
      ended();
      return;
    }
    transport.write(Element.of("proceed", Namespaces.TLS));
    transport.flush();
    transport.startTls();
    restart();
  }

  private void sasl(Element e) {
    if (username != null) {
      fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "already authenticated");
      return;
    }
    switch (e.name()) {
      case "auth" -> {
        if (deps.config().tlsRequired() && !transport.isSecure()) {
          saslFailure(SaslFailure.ENCRYPTION_REQUIRED, null);
          return;
        }
        String mechanism = e.attribute("mechanism");
        sasl = mechanism == null ? null : deps.mechanisms().start(mechanism, transport.isSecure());
        if (sasl == null) {
          saslFailure(SaslFailure.INVALID_MECHANISM, null);
          return;
        }
        String text = e.text().trim();
        // RFC 6120 §6.4.2: no character data means no initial response, '=' an empty one.
        evaluate(text.isEmpty() ? null : decode(text));
      }
      case "response" -> {
        if (sasl == null) {
          saslFailure(SaslFailure.MALFORMED_REQUEST, "no exchange in progress");
          return;
        }
        String text = e.text().trim();
        evaluate(text.isEmpty() ? new byte[0] : decode(text));
      }
      case "abort" -> {
        sasl = null;
        saslFailure(SaslFailure.ABORTED, null);
      }
      default -> fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, null);
    }
  }

  private static final byte[] BAD_ENCODING = new byte[0];

  private static byte[] decode(String text) {
    if (text.equals("=")) {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException ex) {
      return BAD_ENCODING;
    }
  }

  private void evaluate(byte[] response) {
    if (response == BAD_ENCODING) {
      sasl = null;
      saslFailure(SaslFailure.INCORRECT_ENCODING, null);
      return;
    }
    SaslServerMechanism mechanism = sasl;
    state = State.AUTH_PENDING;
    if (!mechanism.nextStepBlocks()) {
      saslStep(evaluateNow(mechanism, response));
      return;
    }
    try {
      deps.blocking().execute(() -> {
        SaslStep result = evaluateNow(mechanism, response);
        transport.executor().execute(() -> saslStep(result));
      });
    } catch (RejectedExecutionException ex) {
      state = State.NEGOTIATING;
      sasl = null;
      saslFailure(SaslFailure.TEMPORARY_AUTH_FAILURE, "server busy");
    }
  }

  private static SaslStep evaluateNow(SaslServerMechanism mechanism, byte[] response) {
    try {
      return mechanism.evaluate(response);
    } catch (RuntimeException ex) {
      log.warn("SASL mechanism {} failed", mechanism.name(), ex);
      return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, null);
    }
  }

  private void saslStep(SaslStep step) {
    if (state != State.AUTH_PENDING) {
      return; // the stream ended meanwhile
    }
    state = State.NEGOTIATING;
    if (step instanceof SaslStep.Challenge c) {
      transport.write(Element.builder("challenge", Namespaces.SASL).text(base64(c.data())).build());
      transport.flush();
    } else if (step instanceof SaslStep.Success s) {
      sasl = null;
      username = s.username();
      Element.Builder success = Element.builder("success", Namespaces.SASL);
      if (s.additionalData() != null) {
        success.text(base64(s.additionalData()));
      }
      transport.write(success.build());
      transport.flush();
      restart();
    } else {
      SaslStep.Failure f = (SaslStep.Failure) step;
      sasl = null;
      saslFailure(f.condition(), f.text());
    }
  }

  private static String base64(byte[] data) {
    return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
  }

  private void saslFailure(SaslFailure condition, String text) {
    Element.Builder failure = Element.builder("failure", Namespaces.SASL)
        .child(Element.of(condition.wireName(), Namespaces.SASL));
    if (text != null) {
      failure.child(Element.builder("text", Namespaces.SASL).text(text).build());
    }
    transport.write(failure.build());
    if (condition != SaslFailure.ABORTED && ++authFailures >= deps.config().maxAuthAttempts()) {
      // RFC 6120 §6.4.5: a bounded number of retries, then the stream ends.
      fail(StreamErrorCondition.POLICY_VIOLATION, "too many failed authentication attempts");
      return;
    }
    transport.flush();
  }

  private void restart() {
    state = State.AWAIT_HEADER;
    headerSent = false;
    transport.restartStream();
  }

  // ---- IQs served before authentication (XEP-0077)

  private PreAuthIqHandler preAuthHandler(Element iq) {
    for (Element payload : iq.elements()) {
      for (PreAuthIqHandler h : deps.preAuthIqs()) {
        if (h.namespace().equals(payload.namespace())) {
          return h;
        }
      }
    }
    return null;
  }

  private void preAuthIq(Element e, PreAuthIqHandler handler) {
    Stanza stanza;
    try {
      stanza = Stanza.fromElement(e);
    } catch (StanzaFormatException ex) {
      fail(StreamErrorCondition.NOT_AUTHORIZED, null);
      return;
    }
    Iq request = ((Iq) stanza).withAddresses(null, null);
    if (!request.isRequest()) {
      return;
    }
    CompletionStage<Iq> stage;
    try {
      stage = handler.handle(request, transport.isSecure());
    } catch (RuntimeException ex) {
      stage = CompletableFuture.failedFuture(ex);
    }
    stage.whenComplete((result, failure) -> transport.executor().execute(() -> {
      if (state == State.CLOSED) {
        return;
      }
      Iq response;
      if (failure != null || result == null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        response = request.errorReply(cause instanceof StanzaErrorException se ? se.error()
            : StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR));
      } else {
        response = new Iq(null, null, request.id(), result.type(), null, result.children());
      }
      reply(response);
    }));
  }

  // ---- resource binding (RFC 6120 §7)

  private void bind(Element e) {
    Stanza stanza;
    try {
      stanza = Stanza.fromElement(e);
    } catch (StanzaFormatException ex) {
      fail(StreamErrorCondition.NOT_AUTHORIZED, null);
      return;
    }
    Iq iq = (Iq) stanza;
    Element bind = iq.child("bind", Namespaces.BIND);
    if (iq.type() != Iq.Type.SET || bind == null) {
      fail(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first");
      return;
    }
    Jid account = Jid.of(username, deps.config().domain().domain(), null);
    String requested = bind.childText("resource", Namespaces.BIND);
    Jid full;
    try {
      full = requested == null || requested.isBlank()
          ? account.withResource(generatedResource())
          : account.withResource(requested);
    } catch (InvalidJidException ex) {
      reply(iq.errorReply(StanzaError.of(StanzaError.Condition.BAD_REQUEST)));
      return;
    }
    serial = new SerialExecutor(deps.blocking());
    ClientSession candidate = new ClientSession(full, transport, deps.interceptors(), serial,
        deps.config().mailboxCapacity(), this);
    boolean replace = deps.config().resourceConflict() == ResourceConflictPolicy.KICK_OLD;
    Session other = deps.registry().bind(candidate, replace);
    if (other != null && !replace) {
      reply(iq.errorReply(StanzaError.of(StanzaError.Condition.CONFLICT)));
      return;
    }
    if (other != null) {
      other.terminate(StreamErrorCondition.CONFLICT);
    }
    session = candidate;
    state = State.BOUND;
    reply(iq.result(Element.builder("bind", Namespaces.BIND)
        .child(Element.builder("jid", Namespaces.BIND).text(full.toString()).build())
        .build()));
    deps.events().bound(session, serial);
  }

  private static String generatedResource() {
    return "parley-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
  }

  /** Writes a server reply to the client directly (before it has a routable session). */
  private void reply(Stanza s) {
    transport.write(s.withFrom(null));
    transport.flush();
  }

  // ---- stanzas

  private void stanza(Element e) {
    if (!Stanza.CLIENT_NAMESPACE.equals(e.namespace())) {
      fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, null);
      return;
    }
    Stanza stanza;
    try {
      stanza = Stanza.fromElement(e);
    } catch (StanzaFormatException ex) {
      if (!List.of("message", "presence", "iq").contains(e.name())) {
        fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, null);
      } else if (!"error".equals(e.attribute("type"))) {
        session.deliver(formatError(e, ex.condition()));
      }
      return;
    }
    Stanza stamped = Addressing.stamp(stanza, session.jid());
    if (stamped == null) {
      fail(StreamErrorCondition.INVALID_FROM, null);
      return;
    }
    deps.interceptors().routeInbound(stamped, session, serial, deps.router());
    if (!readingPaused && serial.pending() >= deps.config().mailboxCapacity()) {
      // Host interceptors are slower than this client: stop reading instead of queueing more.
      // The check below runs after every stanza queued so far, so reading resumes once they are
      // done.
      readingPaused = true;
      transport.pauseReading();
      serial.execute(() -> transport.executor().execute(() -> {
        readingPaused = false;
        resumeReadingUnlessPaused();
      }));
    }
    if (!backlogPaused && deps.storageBacklog().full()) {
      // The store is slower than the clients: stop reading until it has caught up.
      backlogPaused = true;
      transport.pauseReading();
      deps.storageBacklog().whenDrained(() -> transport.executor().execute(() -> {
        backlogPaused = false;
        resumeReadingUnlessPaused();
      }));
    }
  }

  private boolean readingPaused;
  private boolean backlogPaused;

  private void resumeReadingUnlessPaused() {
    if (!readingPaused && !backlogPaused && state != State.CLOSED) {
      transport.resumeReading();
    }
  }

  // An error reply to a stanza that could not be read, addressed from what the element says.
  private Stanza formatError(Element e, StanzaError.Condition condition) {
    List<Element> error = List.of(StanzaError.of(condition).toElement(Stanza.CLIENT_NAMESPACE));
    Jid from = null;
    String to = e.attribute("to");
    if (to != null) {
      try {
        from = Jid.of(to);
      } catch (InvalidJidException ex) {
        from = deps.config().domain();
      }
    }
    Jid jid = session.jid();
    String id = e.attribute("id");
    return switch (e.name()) {
      case "message" -> new Message(jid, from, id, Message.Type.ERROR, null, error);
      case "presence" -> new Presence(jid, from, id, Presence.Type.ERROR, null, error);
      default -> new Iq(jid, from, id, Iq.Type.ERROR, null, error);
    };
  }

  // ---- helpers

  private void openStream(String clientFrom) {
    String to = null;
    if (clientFrom != null) {
      try {
        to = Jid.of(clientFrom).toString();
      } catch (InvalidJidException ignored) {
        // RFC 6120 §4.7.2: echo only a valid 'from'
      }
    }
    Map<String, String> attributes = new java.util.LinkedHashMap<>();
    attributes.put("from", deps.config().domain().toString());
    if (to != null) {
      attributes.put("to", to);
    }
    attributes.put("id", Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36));
    attributes.put("version", "1.0");
    attributes.put("xml:lang", "en");
    transport.openStream(framing.serverHeader(attributes));
    headerSent = true;
  }

  private Element features() {
    Element.Builder features = Element.builder("features", StreamHeader.STREAMS_NAMESPACE);
    boolean tlsRequired = deps.config().tlsRequired();
    if (username != null) {
      features.child(Element.of("bind", Namespaces.BIND));
      for (BoundStreamFeature f : deps.boundFeatures()) {
        features.child(f.advertisement());
      }
      return features.build();
    }
    if (!transport.isSecure() && transport.canStartTls()) {
      Element.Builder starttls = Element.builder("starttls", Namespaces.TLS);
      if (tlsRequired) {
        starttls.child(Element.of("required", Namespaces.TLS));
      }
      features.child(starttls.build());
    }
    if (transport.isSecure() || !tlsRequired) {
      Element.Builder mechanisms = Element.builder("mechanisms", Namespaces.SASL);
      for (String m : deps.mechanisms().offered(transport.isSecure())) {
        mechanisms.child(Element.builder("mechanism", Namespaces.SASL).text(m).build());
      }
      features.child(mechanisms.build());
      for (PreAuthIqHandler h : deps.preAuthIqs()) {
        Element feature = h.streamFeature(transport.isSecure());
        if (feature != null) {
          features.child(feature);
        }
      }
    }
    return features.build();
  }

  private static boolean isVersion1(String version) {
    if (version == null) {
      return false;
    }
    int dot = version.indexOf('.');
    try {
      int major = Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
      return major >= 1; // RFC 6120 §4.7.5: we answer 1.0 to any later version
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean sameDomain(String to, Jid domain) {
    try {
      return Jid.of(to).equals(domain);
    } catch (InvalidJidException e) {
      return false;
    }
  }

  private boolean ended;

  private void ended() {
    if (ended) {
      return;
    }
    ended = true;
    if (session == null) {
      return;
    }
    ClientSession s = session;
    deps.registry().unbind(s);
    s.endMailbox(rest -> {
      for (Stanza left : rest) {
        deps.router().undeliverable(left, s);
      }
      deps.events().ended(s, serial);
    });
    log.debug("session {} ended", s.jid());
  }

}
