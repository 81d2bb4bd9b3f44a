package io.parley.embedded.internal.feature.pubsub;

import io.parley.embedded.PubSub;
import io.parley.embedded.internal.di.Blocking;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.PubSubItem;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.PubSubSubscription;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's {@link PubSub}: the engine's operations on the service's lane. */
@Singleton
public final class HostPubSub implements PubSub {
  private static final Logger log = LoggerFactory.getLogger(HostPubSub.class);

  private final PubSubService service;
  private final PubSubEngine engine;
  private final PubSubStore store;
  private final Lanes lanes;
  private final Executor blocking;
  private final ConcurrentHashMap<String, CopyOnWriteArrayList<Consumer<PubSubItem>>> listeners =
      new ConcurrentHashMap<>();

  @Inject
  HostPubSub(PubSubService service, PubSubEngine engine, PubSubStore store, Lanes lanes,
      @Blocking Executor blocking) {
    this.service = service;
    this.engine = engine;
    this.store = store;
    this.lanes = lanes;
    this.blocking = blocking;
    engine.published((svc, node, item) -> {
      if (!svc.equals(service.jid())) {
        return;
      }
      var list = listeners.get(node);
      if (list != null) {
        for (Consumer<PubSubItem> l : list) {
          blocking.execute(() -> {
            try {
              l.accept(item);
            } catch (RuntimeException e) {
              log.warn("pub-sub listener on {} failed", node, e);
            }
          });
        }
      }
    });
  }

  @Override
  public Jid service() {
    return service.jid();
  }

  @Override
  public CompletionStage<Boolean> createNode(String node, Map<String, List<String>> config) {
    return lanes.run(service.jid(),
        () -> engine.ensureNode(service.jid(), node, service.jid(), config));
  }

  @Override
  public CompletionStage<String> publish(String node, String itemId, Element payload) {
    String id = itemId == null ? UUID.randomUUID().toString() : itemId;
    return lanes.run(service.jid(), () -> {
      engine.hostPublish(service.jid(), node, id, payload);
      return id;
    });
  }

  @Override
  public CompletionStage<Void> subscribe(String node, Jid jid) {
    return lanes.run(service.jid(), () -> {
      engine.hostSubscribe(service.jid(), node, jid);
      return null;
    });
  }

  @Override
  public CompletionStage<Void> unsubscribe(String node, Jid jid) {
    return lanes.run(service.jid(), () -> {
      for (PubSubSubscription s : store.subscriptions(service.jid(), node)) {
        if (s.jid().equals(jid)) {
          store.removeSubscription(service.jid(), node, jid, s.subId());
        }
      }
      return null;
    });
  }

  @Override
  public AutoCloseable listen(String node, Consumer<PubSubItem> listener) {
    listeners.computeIfAbsent(node, n -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> listeners.computeIfPresent(node, (n, list) -> {
      list.remove(listener);
      return list.isEmpty() ? null : list;
    });
  }
}
