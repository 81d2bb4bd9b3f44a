package io.parley.embedded.internal.feature.session;

import io.parley.embedded.internal.stream.BoundStreamFeature;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;

/**
 * The legacy session establishment of RFC 3921 §3, advertised as optional
 * (draft-cridland-xmpp-session-01) and answered with an empty result, for old clients.
 */
final class SessionHandler implements IqHandler, BoundStreamFeature {
  static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-session";

  @Inject
  SessionHandler() {}

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public String element() {
    return "session";
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.SERVER, IqScope.ACCOUNT);
  }

  @Override
  public Set<String> features() {
    return Set.of(); // a stream feature, not a disco one
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    return CompletableFuture.completedFuture(request.result());
  }

  @Override
  public Element advertisement() {
    return Element.builder("session", NAMESPACE).child(Element.of("optional", NAMESPACE)).build();
  }
}
