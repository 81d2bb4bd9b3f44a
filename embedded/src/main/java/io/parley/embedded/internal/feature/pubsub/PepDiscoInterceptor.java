package io.parley.embedded.internal.feature.pubsub;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.router.Router;
import io.parley.spi.handler.StanzaInterceptor;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * XEP-0060 §5.3 for PEP: a disco#info query about a node of an account
 * ({@code <query node='urn:xmpp:openpgp:0:public-keys'/>} to {@code bob@example.com}) is
 * answered from the account's PEP nodes. The server's disco handler answers the account itself
 * and knows no nodes, so this interceptor takes the node queries before routing.
 *
 * <p>COMPAT: Smack's {@code PubSubManager.getLeafNode} asks this before it retrieves items (for
 * example the XEP-0373 public key of a contact).
 */
@Singleton
final class PepDiscoInterceptor implements StanzaInterceptor {
  private final PubSubEngine engine;
  private final Lanes lanes;
  private final Provider<Router> router;
  private final String domain;

  @Inject
  PepDiscoInterceptor(PubSubEngine engine, Lanes lanes, Provider<Router> router,
      ServerConfig config) {
    this.engine = engine;
    this.lanes = lanes;
    this.router = router;
    this.domain = config.domain().domain();
  }

  @Override
  public Stanza inbound(Stanza stanza, Jid session) {
    if (!(stanza instanceof Iq iq) || iq.type() != Iq.Type.GET) {
      return stanza;
    }
    Element query = iq.payload();
    if (query == null || !query.name().equals("query")
        || !query.namespace().equals(PubSub.DISCO_INFO) || query.attribute("node") == null) {
      return stanza;
    }
    Jid to = iq.to() == null ? session.asBare() : iq.to();
    if (to.local() == null || !to.isBare() || !to.domain().equals(domain)) {
      return stanza;
    }
    String node = query.attribute("node");
    lanes.run(to, () -> engine.nodeInfo(iq, to, node, session))
        .whenComplete((reply, failure) -> router.get().routeFromServer(failure == null ? reply
            : iq.errorReply(PubSubService.errorFor(failure)).withFrom(to)));
    return null;
  }
}
