package io.parley.embedded.internal.feature.carbons;

import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.StanzaError;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Enables or disables carbons for the requesting session (XEP-0280 §4, §5); repeating either is
 * not an error (§10.1).
 *
 * <pre>{@code
 * C: <iq type='set' id='e1'><enable xmlns='urn:xmpp:carbons:2'/></iq>
 * S: <iq type='result' id='e1' to='romeo@example.com/garden'/>
 * }</pre>
 *
 * <p>Registered in the server scope too, only so that the feature is advertised on the domain
 * (§3); requests addressed to the domain are answered {@code service-unavailable}, as Prosody
 * does.
 */
final class CarbonsHandler implements IqHandler {
  private final String element;
  private final CarbonsSessions sessions;

  CarbonsHandler(String element, CarbonsSessions sessions) {
    this.element = element;
    this.sessions = sessions;
  }

  @Override
  public String namespace() {
    return Carbons.NAMESPACE;
  }

  @Override
  public String element() {
    return element;
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.SERVER, IqScope.ACCOUNT);
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    StanzaError.Condition refused = null;
    if (context.scope() == IqScope.SERVER) {
      refused = StanzaError.Condition.SERVICE_UNAVAILABLE;
    } else if (!context.target().equals(context.sender().asBare())) {
      // §5: not-allowed for changing another client's carbons.
      refused = StanzaError.Condition.NOT_ALLOWED;
    } else if (request.type() != Iq.Type.SET) {
      refused = StanzaError.Condition.BAD_REQUEST;
    }
    if (refused != null) {
      return CompletableFuture.failedFuture(new StanzaErrorException(refused));
    }
    if (element.equals(Carbons.ENABLE)) {
      sessions.enable(context.sender());
    } else {
      sessions.disable(context.sender());
    }
    return CompletableFuture.completedFuture(request.result());
  }

  @Override
  public String toString() {
    return "CarbonsHandler[" + element + "]";
  }
}
