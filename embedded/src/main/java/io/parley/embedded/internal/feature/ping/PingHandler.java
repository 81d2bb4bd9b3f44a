package io.parley.embedded.internal.feature.ping;

import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.StanzaError;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;

/**
 * Answers pings to the server and, on the user's behalf, to accounts (XEP-0199 §4.1, §4.3).
 *
 * <pre>{@code
 * C: <iq type='get' id='p1' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>
 * S: <iq type='result' id='p1' from='example.com' to='juliet@example.com/balcony'/>
 * }</pre>
 */
final class PingHandler implements IqHandler {
  @Inject
  PingHandler() {}

  @Override
  public String namespace() {
    return Ping.NAMESPACE;
  }

  @Override
  public String element() {
    return Ping.ELEMENT;
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.SERVER, IqScope.ACCOUNT);
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    if (request.type() != Iq.Type.GET) {
      // XEP-0199 defines only get; a set is a request the protocol does not know.
      return CompletableFuture.failedFuture(
          new StanzaErrorException(StanzaError.Condition.BAD_REQUEST));
    }
    return CompletableFuture.completedFuture(request.result());
  }
}
