package io.parley.embedded.internal.router;

import io.parley.embedded.internal.ServerConfig;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered stanza interceptors. Host interceptors may block, so sessions run the chain on their
 * serial executor when {@link #isEmpty()} is false, and inline (no hop) when it is.
 */
@Singleton
public final class InterceptorChain {
  private static final Logger log = LoggerFactory.getLogger(InterceptorChain.class);

  private final List<StanzaInterceptor> interceptors;

  @Inject
  InterceptorChain(ServerConfig config) {
    this.interceptors = config.interceptors();
  }

  public boolean isEmpty() {
    return interceptors.isEmpty();
  }

  /** The stanza to route, or null to drop it. */
  public Stanza inbound(Stanza stanza, Jid session) {
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
