package io.parley.embedded.internal.feature.pubsub;

import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.stanza.Iq;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * XEP-0163 personal eventing: pub-sub requests to an account's bare JID (or with no {@code to},
 * the requester's own account), served by the same engine with the account as the service.
 *
 * <pre>{@code
 * <iq type='set' id='pub1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>
 *   <publish node='http://jabber.org/protocol/tune'><item><tune xmlns='…'/></item></publish>
 * </pubsub></iq>
 * }</pre>
 */
final class PepHandler implements IqHandler {
  private final String namespace;
  private final PubSubEngine engine;
  private final Lanes lanes;

  PepHandler(String namespace, PubSubEngine engine, Lanes lanes) {
    this.namespace = namespace;
    this.engine = engine;
    this.lanes = lanes;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public String element() {
    return "pubsub";
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.ACCOUNT);
  }

  @Override
  public Set<String> features() {
    return namespace.equals(PubSub.NAMESPACE) ? new LinkedHashSet<>(Features.pep()) : Set.of();
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    PubSubEngine.Ctx ctx = new PubSubEngine.Ctx(context.target().asBare(), true,
        context.sender());
    return lanes.run(ctx.service(), () -> engine.handle(request, ctx));
  }
}
