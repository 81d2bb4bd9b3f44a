package io.parley.embedded.internal.feature.pubsub;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node's configuration (XEP-0060 §17.4.4 {@code pubsub#node_config}): the supported options,
 * their defaults, validation of submitted values, and the form that shows them. Stored as the
 * field values; unknown fields in a submission are refused with {@code not-acceptable}.
 */
final class NodeConfig {
  static final String ACCESS_MODEL = "pubsub#access_model";
  static final String DELIVER_NOTIFICATIONS = "pubsub#deliver_notifications";
  static final String DELIVER_PAYLOADS = "pubsub#deliver_payloads";
  static final String MAX_ITEMS = "pubsub#max_items";
  static final String NOTIFY_CONFIG = "pubsub#notify_config";
  static final String NOTIFY_DELETE = "pubsub#notify_delete";
  static final String NOTIFY_RETRACT = "pubsub#notify_retract";
  static final String NOTIFY_SUB = "pubsub#notify_sub";
  static final String NOTIFICATION_TYPE = "pubsub#notification_type";
  static final String PERSIST_ITEMS = "pubsub#persist_items";
  static final String PUBLISH_MODEL = "pubsub#publish_model";
  static final String ROSTER_GROUPS = "pubsub#roster_groups_allowed";
  static final String SEND_LAST = "pubsub#send_last_published_item";
  static final String SUBSCRIBE = "pubsub#subscribe";
  static final String TITLE = "pubsub#title";
  static final String DESCRIPTION = "pubsub#description";
  static final String TYPE = "pubsub#type";
  static final String MAX_PAYLOAD = "pubsub#max_payload_size";
  static final String ITEM_REPLY = "pubsub#itemreply";
  static final String PRESENCE_BASED = "pubsub#presence_based_delivery";
  static final String PURGE_OFFLINE = "pubsub#purge_offline";
  static final String ITEM_EXPIRE = "pubsub#item_expire";
  // Every option a node may have, also for nodes stored before an option was added.
  private static final Set<String> KNOWN = defaults(false, 1).keySet();

  static final List<String> ACCESS_MODELS =
      List.of("open", "presence", "roster", "authorize", "whitelist");
  private static final List<String> PUBLISH_MODELS = List.of("publishers", "subscribers", "open");
  private static final List<String> SEND_LAST_VALUES =
      List.of("never", "on_sub", "on_sub_and_presence");
  private static final List<String> NOTIFICATION_TYPES = List.of("headline", "normal");
  private static final List<String> ITEM_REPLY_VALUES = List.of("owner", "publisher");
  private static final Set<String> BOOLEANS = Set.of(DELIVER_NOTIFICATIONS, DELIVER_PAYLOADS,
      NOTIFY_CONFIG, NOTIFY_DELETE, NOTIFY_RETRACT, NOTIFY_SUB, PERSIST_ITEMS, SUBSCRIBE,
      PRESENCE_BASED, PURGE_OFFLINE);

  private final Map<String, List<String>> values;
  private final int maxItemsLimit;

  NodeConfig(Map<String, List<String>> values, int maxItemsLimit) {
    this.values = values;
    this.maxItemsLimit = maxItemsLimit;
  }

  /** The defaults of a new node: Prosody's, with {@code presence} access for PEP nodes. */
  static Map<String, List<String>> defaults(boolean pep, int maxItems) {
    Map<String, List<String>> d = new LinkedHashMap<>();
    d.put(TITLE, List.of(""));
    d.put(DESCRIPTION, List.of(""));
    d.put(TYPE, List.of(""));
    d.put(ACCESS_MODEL, List.of(pep ? "presence" : "open"));
    d.put(ROSTER_GROUPS, List.of());
    d.put(PUBLISH_MODEL, List.of("publishers"));
    d.put(DELIVER_NOTIFICATIONS, List.of("1"));
    d.put(DELIVER_PAYLOADS, List.of("1"));
    d.put(NOTIFY_CONFIG, List.of("0"));
    d.put(NOTIFY_DELETE, List.of("1"));
    d.put(NOTIFY_RETRACT, List.of("1"));
    d.put(NOTIFY_SUB, List.of("0"));
    d.put(PERSIST_ITEMS, List.of("1"));
    d.put(MAX_ITEMS, List.of(pep ? "1" : Integer.toString(maxItems)));
    d.put(SUBSCRIBE, List.of("1"));
    d.put(SEND_LAST, List.of(pep ? "on_sub_and_presence" : "on_sub"));
    d.put(NOTIFICATION_TYPE, List.of("headline"));
    d.put(ITEM_REPLY, List.of("owner"));
    d.put(PRESENCE_BASED, List.of("0"));
    d.put(PURGE_OFFLINE, List.of("0"));
    d.put(ITEM_EXPIRE, List.of("")); // seconds; empty or "max": items never expire
    return d;
  }

  /**
   * Applies submitted values to {@code base} after checking every one (§8.2.4: all or none).
   *
   * @throws io.parley.spi.handler.StanzaErrorException {@code not-acceptable} for an unknown
   *     option or a bad value, {@code bad-request} for a form of another type
   */
  static Map<String, List<String>> apply(Map<String, List<String>> base,
      Map<String, List<String>> submitted, int maxItemsLimit) {
    Map<String, List<String>> next = new LinkedHashMap<>(base);
    for (Map.Entry<String, List<String>> e : submitted.entrySet()) {
      String var = e.getKey();
      List<String> v = e.getValue();
      if (var.equals("FORM_TYPE")) {
        if (!v.equals(List.of(PubSub.NODE_CONFIG))) {
          throw PubSub.error(Condition.BAD_REQUEST);
        }
        continue;
      }
      if (!base.containsKey(var) && !KNOWN.contains(var)) {
        throw PubSub.error(Condition.NOT_ACCEPTABLE);
      }
      check(var, v, maxItemsLimit);
      next.put(var, v.equals(List.of("true")) || v.equals(List.of("false"))
          ? List.of(DataForm.bool(v.get(0)) ? "1" : "0") : List.copyOf(v));
    }
    return next;
  }

  private static void check(String var, List<String> v, int maxItemsLimit) {
    boolean ok;
    if (BOOLEANS.contains(var)) {
      ok = v.size() == 1 && DataForm.bool(v.get(0)) != null;
    } else {
      ok = switch (var) {
        case ACCESS_MODEL -> {
          if (v.size() != 1 || !ACCESS_MODELS.contains(v.get(0))) {
            throw PubSub.error(Condition.NOT_ACCEPTABLE, "unsupported-access-model"); // §8.1.2
          }
          yield true;
        }
        case PUBLISH_MODEL -> v.size() == 1 && PUBLISH_MODELS.contains(v.get(0));
        case SEND_LAST -> v.size() == 1 && SEND_LAST_VALUES.contains(v.get(0));
        case NOTIFICATION_TYPE -> v.size() == 1 && NOTIFICATION_TYPES.contains(v.get(0));
        case ITEM_REPLY -> v.size() == 1 && ITEM_REPLY_VALUES.contains(v.get(0));
        case MAX_ITEMS -> v.size() == 1 && maxItems(v.get(0), maxItemsLimit) >= 0;
        case ROSTER_GROUPS -> true;
        case ITEM_EXPIRE -> v.size() == 1 && (v.get(0).isEmpty() || v.get(0).equals("max")
            || seconds(v.get(0)) > 0);
        default -> v.size() <= 1;
      };
    }
    if (!ok) {
      throw PubSub.error(Condition.NOT_ACCEPTABLE);
    }
  }

  // "max" (XEP-0060 §7.1.2) is the service's limit; -1 for a bad value.
  private static int maxItems(String s, int limit) {
    if (s.equals("max")) {
      return limit;
    }
    try {
      int n = Integer.parseInt(s);
      return n < 1 || n > limit ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long seconds(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** How long items live ({@code pubsub#item_expire}), or null if they never expire. */
  java.time.Duration itemExpire() {
    long s = seconds(value(ITEM_EXPIRE));
    return s > 0 ? java.time.Duration.ofSeconds(s) : null;
  }

  String value(String var) {
    List<String> v = values.get(var);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  List<String> values(String var) {
    return values.getOrDefault(var, List.of());
  }

  boolean flag(String var) {
    return Boolean.TRUE.equals(DataForm.bool(value(var)));
  }

  String accessModel() {
    return value(ACCESS_MODEL);
  }

  String publishModel() {
    return value(PUBLISH_MODEL);
  }

  boolean persistItems() {
    return flag(PERSIST_ITEMS);
  }

  boolean deliverPayloads() {
    return flag(DELIVER_PAYLOADS);
  }

  boolean deliverNotifications() {
    return flag(DELIVER_NOTIFICATIONS);
  }

  String sendLast() {
    return value(SEND_LAST);
  }

  int maxItems() {
    // A transient node keeps only the last item, for send_last_published_item (§4.3).
    int n = maxItems(value(MAX_ITEMS), maxItemsLimit);
    return n < 0 ? 1 : n;
  }

  /** The node configuration form (§8.2.1), of type {@code form}. */
  Element form() {
    DataForm.Builder f = DataForm.builder("form", PubSub.NODE_CONFIG);
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      String var = e.getKey();
      List<String> options = switch (var) {
        case ACCESS_MODEL -> ACCESS_MODELS;
        case PUBLISH_MODEL -> PUBLISH_MODELS;
        case SEND_LAST -> SEND_LAST_VALUES;
        case NOTIFICATION_TYPE -> NOTIFICATION_TYPES;
        case ITEM_REPLY -> ITEM_REPLY_VALUES;
        default -> List.of();
      };
      String type = BOOLEANS.contains(var) ? "boolean"
          : var.equals(ROSTER_GROUPS) ? "list-multi"
          : !options.isEmpty() ? "list-single" : "text-single";
      f.field(var, type, null, e.getValue(), options);
    }
    return f.build();
  }
}
