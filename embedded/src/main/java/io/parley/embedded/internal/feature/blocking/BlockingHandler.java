package io.parley.embedded.internal.feature.blocking;

import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One XEP-0191 command: {@code blocklist} (get, §3.2), {@code block} (set, §3.3) or
 * {@code unblock} (set, §3.4, §3.5), for the user's own account only.
 *
 * <pre>{@code
 * C: <iq type='set' id='b1'><block xmlns='urn:xmpp:blocking'><item jid='romeo@example.net'/></block></iq>
 * S: <iq type='result' id='b1' to='juliet@example.com/balcony'/>
 * }</pre>
 *
 * <p>Registered in the server scope too, only so that the feature is advertised where clients
 * look for it (§3.1); requests addressed to the domain itself are answered
 * {@code service-unavailable}, as by a server without the feature (Prosody does the same).
 */
final class BlockingHandler implements IqHandler {
  private static final Logger log = LoggerFactory.getLogger(BlockingHandler.class);

  private final String element;
  private final BlockLists lists;
  private final BlockPresence presence;

  BlockingHandler(String element, BlockLists lists, BlockPresence presence) {
    this.element = element;
    this.lists = lists;
    this.presence = presence;
  }

  @Override
  public String namespace() {
    return Blocking.NAMESPACE;
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
    try {
      return dispatch(request, context);
    } catch (StanzaErrorException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<Iq> dispatch(Iq request, IqContext context) {
    if (context.scope() == IqScope.SERVER) {
      throw new StanzaErrorException(StanzaError.Condition.SERVICE_UNAVAILABLE);
    }
    Jid user = context.sender().asBare();
    if (!context.target().equals(user)) {
      // Nobody manages another user's block list.
      throw new StanzaErrorException(StanzaError.Condition.FORBIDDEN);
    }
    boolean get = element.equals(Blocking.BLOCKLIST);
    if (get != (request.type() == Iq.Type.GET)) {
      throw new StanzaErrorException(StanzaError.of(StanzaError.Condition.BAD_REQUEST,
          element + (get ? " is an IQ get" : " is an IQ set")));
    }
    Set<Jid> items = Blocking.items(request.payload());
    return switch (element) {
      case Blocking.BLOCKLIST -> lists.list(user, context.sender())
          .thenApply(list -> request.result(Blocking.command(Blocking.BLOCKLIST, list)));
      case Blocking.BLOCK -> block(request, user, items);
      default -> unblock(request, user, items);
    };
  }

  private CompletionStage<Iq> block(Iq request, Jid user, Set<Jid> items) {
    if (items.isEmpty()) {
      // §3.3: a block must name at least one JID.
      throw new StanzaErrorException(
          StanzaError.of(StanzaError.Condition.BAD_REQUEST, "block needs an item"));
    }
    return lists.block(user, items).thenApply(before -> {
      lists.push(user, Blocking.command(Blocking.BLOCK, items));
      Set<Jid> added = new HashSet<>(items);
      added.removeAll(before);
      announce(user, added, true);
      return request.result();
    });
  }

  private CompletionStage<Iq> unblock(Iq request, Jid user, Set<Jid> items) {
    return lists.unblock(user, items).thenApply(before -> {
      // §3.5: an empty unblock clears the list, and its push is empty too.
      lists.push(user, Blocking.command(Blocking.UNBLOCK, items));
      Set<Jid> removed = new HashSet<>(items.isEmpty() ? before : items);
      removed.retainAll(before);
      announce(user, removed, false);
      return request.result();
    });
  }

  private void announce(Jid user, Set<Jid> changed, boolean blocked) {
    if (changed.isEmpty()) {
      return;
    }
    presence.changed(user, changed, blocked).exceptionally(e -> {
      log.warn("presence for the block list change of {} not sent", user, e);
      return null;
    });
  }

  @Override
  public String toString() {
    return "BlockingHandler[" + element + "]";
  }
}
