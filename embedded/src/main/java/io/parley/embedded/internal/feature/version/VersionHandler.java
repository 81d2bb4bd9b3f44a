package io.parley.embedded.internal.feature.version;

import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.StanzaError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;

/**
 * XEP-0092 software version of the server.
 *
 * <pre>{@code
 * S: <iq type='result'><query xmlns='jabber:iq:version'><name>Parley</name>
 *      <version>0.1.0</version><os>Linux</os></query></iq>
 * }</pre>
 */
final class VersionHandler implements IqHandler {
  static final String NAMESPACE = "jabber:iq:version";

  private final Element answer;

  @Inject
  VersionHandler() {
    String version = VersionHandler.class.getPackage().getImplementationVersion();
    this.answer = Element.builder("query", NAMESPACE)
        .textChild("name", "Parley")
        .textChild("version", version == null ? "development" : version)
        .textChild("os", System.getProperty("os.name", "unknown"))
        .build();
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public String element() {
    return "query";
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    if (request.type() != Iq.Type.GET) {
      return CompletableFuture.failedFuture(
          new StanzaErrorException(StanzaError.Condition.NOT_ALLOWED));
    }
    return CompletableFuture.completedFuture(request.result(answer));
  }
}
