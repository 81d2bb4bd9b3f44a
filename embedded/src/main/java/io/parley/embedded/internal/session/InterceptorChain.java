package io.parley.embedded.internal.session;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.di.BuiltIn;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered stanza interceptors: Parley's own (blocking, carbons; never block) first, then the
 * host's in builder order. Host interceptors may block, so sessions run the chain on their serial
 * executor when {@link #hasHostInterceptors()}, and inline (no hop) otherwise.
 */
@Singleton
public final class InterceptorChain {
  private static final Logger log = LoggerFactory.getLogger(InterceptorChain.class);

  private final List<StanzaInterceptor> interceptors;
  private final boolean hasHost;

  @Inject
  InterceptorChain(@BuiltIn Set<StanzaInterceptor> builtIn, ServerConfig config) {
    List<StanzaInterceptor> all = new ArrayList<>(builtIn);
    all.addAll(config.interceptors());
    this.interceptors = List.copyOf(all);
    this.hasHost = !config.interceptors().isEmpty();
  }

  /** Whether the chain may block, so that sessions must run it off their network thread. */
  public boolean hasHostInterceptors() {
    return hasHost;
  }

  /**
   * Runs the inbound chain on a stanza a session sent, then routes it: inline when there are no
   * host interceptors, else on the session's serial executor, which keeps the sender's order.
   */
  public void routeInbound(Stanza stamped, Session sender, SerialExecutor serial,
      StanzaRouting router) {
    if (!hasHost) {
      Stanza out = inbound(stamped, sender.jid());
      if (out != null) {
        router.route(out, sender);
      }
      return;
    }
    serial.execute(() -> {
      Stanza out = inbound(stamped, sender.jid());
      if (out != null) {
        router.route(out, sender);
      }
    });
  }

  /** The stanza to route, or null to drop it. */
  public Stanza inbound(Stanza stanza, Jid session) {
    if (interceptors.isEmpty()) {
      return stanza;
    }
    Stanza s = stanza;
    for (StanzaInterceptor i : interceptors) {
      try {
        s = i.inbound(s, session);
      } catch (RuntimeException e) {
        log.warn("inbound interceptor {} failed; stanza dropped", i, e);
        return null;
      }
      if (s == null) {
        return null;
      }
    }
    return s;
  }

  /** The stanza to write, or null to drop it. */
  public Stanza outbound(Stanza stanza, Jid session) {
    if (interceptors.isEmpty()) {
      return stanza;
    }
    Stanza s = stanza;
    for (StanzaInterceptor i : interceptors) {
      try {
        s = i.outbound(s, session);
      } catch (RuntimeException e) {
        log.warn("outbound interceptor {} failed; stanza dropped", i, e);
        return null;
      }
      if (s == null) {
        return null;
      }
    }
    return s;
  }
}
