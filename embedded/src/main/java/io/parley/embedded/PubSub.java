package io.parley.embedded;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.PubSubItem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Host access to the XEP-0060 service at {@code pubsub.<domain>} (see
 * {@link Parley#pubSub()}): create nodes, publish to them, subscribe clients, and hear what is
 * published, for example a service pushing device commands to subscribed devices.
 *
 * <pre>{@code
 * PubSub ps = parley.pubSub();
 * ps.createNode("commands/thermostat", Map.of("pubsub#access_model", List.of("whitelist")))
 *     .thenCompose(created -> ps.subscribe("commands/thermostat", Jid.of("device1@example.com")))
 *     .thenCompose(done -> ps.publish("commands/thermostat", null, setPoint));
 * }</pre>
 *
 * <p>Thread-safe; never blocks: every operation completes its stage on Parley's blocking
 * executor. A stage fails with {@link io.parley.spi.handler.StanzaErrorException} for the
 * XEP-0060 error the same request from a client would get (for example {@code item-not-found}
 * for a missing node, {@code not-acceptable} for a bad configuration value).
 */
public interface PubSub {
  /** The service's JID, {@code pubsub.<domain>} unless configured otherwise. */
  Jid service();

  /**
   * Creates a leaf node owned by the service itself (no user may configure it unless the host
   * makes them an owner), with {@code pubsub#node_config} values over the defaults. Completes
   * with false if the node exists already (it is left as it is).
   */
  CompletionStage<Boolean> createNode(String node, Map<String, List<String>> config);

  /**
   * Publishes an item as the service, skipping the publish model; subscribers get the
   * notification at once. A null {@code itemId} gets a generated one; completes with the id.
   */
  CompletionStage<String> publish(String node, String itemId, Element payload);

  /** Subscribes a JID (bare or full) to a node, skipping the access model. */
  CompletionStage<Void> subscribe(String node, Jid jid);

  /** Removes a JID's subscription to a node, if it has one. */
  CompletionStage<Void> unsubscribe(String node, Jid jid);

  /**
   * Calls {@code listener} (on the blocking executor) with every item published to the node,
   * by clients or by the host. Returns a handle whose {@code close()} stops the calls.
   */
  AutoCloseable listen(String node, Consumer<PubSubItem> listener);
}
