package io.parley.embedded.internal.feature.mam;

import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchivedMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;

/**
 * Archive metadata (XEP-0313 §5, part of {@code #extended}): the first and last entries.
 *
 * <pre>{@code
 * S: <metadata xmlns='urn:xmpp:mam:2'><start id='YWxw' timestamp='2026-01-01T00:00:00Z'/>
 *      <end id='b21l' timestamp='2026-11-25T19:00:00Z'/></metadata>
 * }</pre>
 *
 * An empty archive answers an empty {@code <metadata/>}, as Prosody does.
 */
final class MamMetadataHandler implements IqHandler {
  private final Archives archives;

  @Inject
  MamMetadataHandler(Archives archives) {
    this.archives = archives;
  }

  @Override
  public String namespace() {
    return Mam.NAMESPACE;
  }

  @Override
  public String element() {
    return "metadata";
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.ACCOUNT);
  }

  @Override
  public Set<String> features() {
    return Set.of(); // covered by urn:xmpp:mam:2#extended
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    Jid owner = context.target();
    if (!owner.equals(context.sender().asBare())) {
      return CompletableFuture.failedFuture(new StanzaErrorException(Condition.FORBIDDEN));
    }
    if (request.type() != Iq.Type.GET) {
      return CompletableFuture.failedFuture(new StanzaErrorException(Condition.BAD_REQUEST));
    }
    return archives.inLane(owner, store -> {
      List<ArchivedMessage> first = store.query(owner, ArchiveQuery.first(1)).messages();
      List<ArchivedMessage> last = store.query(owner, ArchiveQuery.newest(1)).messages();
      Element.Builder metadata = Element.builder("metadata", Mam.NAMESPACE);
      if (!first.isEmpty()) {
        metadata.child(bound("start", first.get(0)));
        metadata.child(bound("end", last.get(0)));
      }
      return request.result(metadata.build());
    });
  }

  private static Element bound(String name, ArchivedMessage m) {
    return Element.builder(name, Mam.NAMESPACE)
        .attribute("id", m.id())
        .attribute("timestamp", Mam.stamp(m.timestamp()))
        .build();
  }
}
