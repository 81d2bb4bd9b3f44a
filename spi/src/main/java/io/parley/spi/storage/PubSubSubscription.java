package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A subscription to a node (XEP-0060 §6.1): the subscribed JID (bare or full), its subid, its
 * state and its subscription options as {@code pubsub#subscribe_options} field values.
 */
public record PubSubSubscription(Jid service, String node, Jid jid, String subId, State state,
    Map<String, List<String>> options) {

  public PubSubSubscription {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(jid, "jid");
    Objects.requireNonNull(subId, "subId");
    Objects.requireNonNull(state, "state");
    options = Map.copyOf(options);
  }

  public PubSubSubscription withState(State newState) {
    return new PubSubSubscription(service, node, jid, subId, newState, options);
  }

  public PubSubSubscription withOptions(Map<String, List<String>> newOptions) {
    return new PubSubSubscription(service, node, jid, subId, state, newOptions);
  }

  /** XEP-0060 §4.2 subscription states, as written on the wire in lower case. */
  public enum State {
    NONE, PENDING, UNCONFIGURED, SUBSCRIBED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
