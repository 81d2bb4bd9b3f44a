package io.parley.embedded.internal.feature.pubsub;

import java.util.ArrayList;
import java.util.List;

/** The XEP-0060 §10 features this service implements, for disco#info. */
final class Features {
  private static final List<String> SUFFIXES = List.of("access-authorize", "access-open",
      "access-presence", "access-roster", "access-whitelist", "config-node",
      "create-and-configure", "create-nodes", "delete-items", "delete-nodes", "get-pending",
      "instant-nodes", "item-ids", "last-published", "manage-subscriptions",
      "member-affiliation", "modify-affiliations", "multi-subscribe", "outcast-affiliation",
      "persistent-items", "presence-notifications", "publish", "publish-only-affiliation",
      "publish-options", "publisher-affiliation", "purge-nodes", "retract-items",
      "retrieve-affiliations", "retrieve-default", "retrieve-items", "retrieve-subscriptions",
      "subscribe", "subscription-options", "subscription-notifications");
  // XEP-0163 §6: what a PEP service adds.
  private static final List<String> PEP = List.of("auto-create", "auto-subscribe",
      "filtered-notifications");

  private Features() {}

  static List<String> service() {
    List<String> all = new ArrayList<>();
    all.add(PubSub.NAMESPACE);
    for (String s : SUFFIXES) {
      all.add(PubSub.NAMESPACE + "#" + s);
    }
    return all;
  }

  static List<String> pep() {
    List<String> all = service();
    for (String s : PEP) {
      all.add(PubSub.NAMESPACE + "#" + s);
    }
    all.remove(PubSub.NAMESPACE + "#instant-nodes");
    all.remove(PubSub.NAMESPACE + "#get-pending"); // the ad-hoc command is the service's only
    return all;
  }
}
