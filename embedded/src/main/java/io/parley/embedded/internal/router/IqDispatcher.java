package io.parley.embedded.internal.router;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.Blocking;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the one handler for an IQ request's payload and scope, and guarantees exactly one reply
 * (RFC 6120 §8.2.3): the handler's, an error it chose, {@code internal-server-error} when it
 * fails, or {@code service-unavailable} when nothing handles the payload.
 *
 * <p>Built-in and host handlers share this registry; a duplicate name and scope fails start-up.
 * Host handlers run on the blocking executor, built-in ones inline.
 */
@Singleton
public final class IqDispatcher {
  private static final Logger log = LoggerFactory.getLogger(IqDispatcher.class);

  private final Map<HandlerKey, IqHandler> handlers;
  private final Map<IqScope, Set<String>> features;

  @Inject
  IqDispatcher(Set<IqHandler> builtIn, ServerConfig config, @Blocking Executor blocking) {
    List<IqHandler> all = new ArrayList<>(builtIn);
    for (IqHandler host : config.iqHandlers()) {
      all.add(new OffloadedIqHandler(host, blocking));
    }
    Map<HandlerKey, IqHandler> map = new HashMap<>();
    Map<IqScope, Set<String>> feats = new HashMap<>();
    for (IqHandler h : all) {
      for (IqScope scope : h.scopes()) {
        HandlerKey key = new HandlerKey(scope, h.namespace(), h.element());
        IqHandler previous = map.putIfAbsent(key, h);
        if (previous != null) {
          throw new IllegalStateException("two IQ handlers for " + key + ": " + previous
              + " and " + h);
        }
        feats.computeIfAbsent(scope, s -> new TreeSet<>()).addAll(h.features());
      }
    }
    this.handlers = Map.copyOf(map);
    Map<IqScope, Set<String>> frozen = new HashMap<>();
    feats.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
    this.features = Map.copyOf(frozen);
  }

  /** The service discovery features of every handler in a scope, sorted. */
  public Set<String> features(IqScope scope) {
    return features.getOrDefault(scope, Set.of());
  }

  /**
   * Dispatches a get or set request.
   *
   * @param target the addressee the reply comes from (domain or bare JID)
   * @param replyFrom the {@code from} of the reply: the request's {@code to}, or null if it had
   *     none
   * @param reply receives the one reply, on whatever thread the handler completed
   */
  public void dispatch(Iq request, IqScope scope, Jid target, Jid domain, Jid replyFrom,
      Consumer<Iq> reply) {
    Element payload = request.payload();
    IqHandler handler = handlers.get(new HandlerKey(scope, payload.namespace(), payload.name()));
    if (handler == null) {
      reply.accept(addressed(request.errorReply(
          StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)), request, replyFrom));
      return;
    }
    IqContext context = new Context(request.from(), target, scope, domain);
    CompletionStage<Iq> stage;
    try {
      stage = handler.handle(request, context);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    if (stage == null) {
      stage = CompletableFuture.failedFuture(new IllegalStateException("handler returned null"));
    }
    stage.whenComplete((result, failure) -> {
      Iq response;
      if (failure != null) {
        response = request.errorReply(errorFor(failure, handler));
      } else if (result == null
          || (result.type() != Iq.Type.RESULT && result.type() != Iq.Type.ERROR)) {
        log.warn("IQ handler {} answered {} with no result or error", handler, request.id());
        response = request.errorReply(
            StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR));
      } else {
        response = result;
      }
      reply.accept(addressed(response, request, replyFrom));
    });
  }

  // The reply always goes back to the requester, with the request's id, whatever the handler set.
  private static Iq addressed(Iq response, Iq request, Jid replyFrom) {
    return new Iq(request.from(), replyFrom, request.id(), response.type(), response.lang(),
        response.children());
  }

  private static StanzaError errorFor(Throwable failure, IqHandler handler) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof StanzaErrorException se) {
      return se.error();
    }
    log.warn("IQ handler {} failed", handler, cause);
    return StanzaError.of(StanzaError.Condition.INTERNAL_SERVER_ERROR);
  }

  private record Context(Jid sender, Jid target, IqScope scope, Jid domain) implements IqContext {}

  /** Runs a host handler on the blocking executor: host code may block. */
  private static final class OffloadedIqHandler implements IqHandler {
    private final IqHandler host;
    private final Executor blocking;

    OffloadedIqHandler(IqHandler host, Executor blocking) {
      this.host = host;
      this.blocking = blocking;
    }

    @Override
    public String namespace() {
      return host.namespace();
    }

    @Override
    public String element() {
      return host.element();
    }

    @Override
    public Set<IqScope> scopes() {
      return host.scopes();
    }

    @Override
    public Set<String> features() {
      return host.features();
    }

    @Override
    public CompletionStage<Iq> handle(Iq request, IqContext context) {
      return CompletableFuture.supplyAsync(() -> host.handle(request, context), blocking)
          .thenCompose(stage -> stage);
    }

    @Override
    public String toString() {
      return host.toString();
    }
  }
}
