package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pub-sub node (XEP-0060 §4.2) as stored: its name, creator, creation time and configuration,
 * kept as the XEP-0004 field values of the {@code pubsub#node_config} form (for example
 * {@code pubsub#access_model} → {@code [open]}), so stores need not know every option.
 */
public record PubSubNode(Jid service, String node, Jid creator, Instant created,
    Map<String, List<String>> config) {

  public PubSubNode {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(created, "created");
    config = Map.copyOf(config);
  }

  public PubSubNode withConfig(Map<String, List<String>> newConfig) {
    return new PubSubNode(service, node, creator, created, newConfig);
  }
}
