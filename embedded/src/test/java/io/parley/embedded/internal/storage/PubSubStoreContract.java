package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.PubSubAffiliation;
import io.parley.spi.storage.PubSubItem;
import io.parley.spi.storage.PubSubNode;
import io.parley.spi.storage.PubSubStore;
import io.parley.spi.storage.PubSubSubscription;
import io.parley.spi.storage.PubSubSubscription.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@link PubSubStore} contract, run against every implementation. Each test uses a fresh
 * service JID (a PEP account), so tests share one database without seeing each other's nodes.
 */
abstract class PubSubStoreContract {
  abstract PubSubStore store();

  private final Jid service = Users.fresh();
  private final Jid alice = Users.fresh();
  private final Jid bob = Users.fresh();
  private static final Instant T = Instant.parse("2026-11-25T20:00:00.123456789Z");

  private PubSubNode node(String name, Map<String, List<String>> config) {
    return new PubSubNode(service, name, alice, T, config);
  }

  private PubSubNode created(String name) {
    PubSubNode n = node(name, Map.of("pubsub#access_model", List.of("open"),
        "pubsub#children", List.of("a", "b:c#1", "")));
    assertTrue(store().createNode(n));
    return n;
  }

  private static PubSubItem item(String id, Jid publisher, int second) {
    Element payload = Element.builder("entry", "urn:example:atom")
        .attribute("n", id + " < & '")
        .child(Element.builder("title", "urn:example:atom").text("t\u2764" + id).build())
        .build();
    return new PubSubItem(id, publisher, T.plusSeconds(second), payload);
  }

  private static List<String> ids(List<PubSubItem> items) {
    return items.stream().map(PubSubItem::id).toList();
  }

  private PubSubSubscription sub(Jid jid, String subId, State state) {
    return new PubSubSubscription(service, "n", jid, subId, state,
        Map.of("pubsub#deliver", List.of("true")));
  }

  @Test
  void missingNodeIsEmpty() {
    assertEquals(Optional.empty(), store().node(service, "none"));
    assertEquals(List.of(), store().nodes(service));
    assertEquals(List.of(), store().items(service, "none", 10));
    assertEquals(Optional.empty(), store().item(service, "none", "x"));
    assertEquals(List.of(), store().subscriptions(service, "none"));
    assertEquals(Map.of(), store().affiliations(service, "none"));
    assertFalse(store().deleteNode(service, "none"));
    assertFalse(store().retract(service, "none", "x"));
    assertFalse(store().removeSubscription(service, "none", bob, "s"));
  }

  @Test
  void createdNodeComesBackEqualAndNameIsTakenOnce() {
    PubSubNode n = created("n");
    assertEquals(Optional.of(n), store().node(service, "n"));
    assertFalse(store().createNode(node("n", Map.of())));
    assertEquals(Optional.of(n), store().node(service, "n"));
    // The same name on another service is another node.
    Jid other = Users.fresh();
    PubSubNode elsewhere = new PubSubNode(other, "n", null, T, Map.of());
    assertTrue(store().createNode(elsewhere));
    assertEquals(Optional.of(elsewhere), store().node(other, "n"));
  }

  @Test
  void nodesInCreationOrder() {
    PubSubNode b = created("b");
    PubSubNode a = created("a");
    PubSubNode c = created("c");
    assertEquals(List.of(b, a, c), store().nodes(service));
  }

  @Test
  void updateReplacesConfiguration() {
    PubSubNode n = created("n");
    PubSubNode changed = n.withConfig(Map.of("pubsub#max_items", List.of("5")));
    store().updateNode(changed);
    assertEquals(Optional.of(changed), store().node(service, "n"));
  }

  @Test
  void publishedItemsComeBackNewestFirstWithPayload() {
    created("n");
    store().publish(service, "n", item("1", alice, 1), 10);
    store().publish(service, "n", item("2", bob, 2), 10);
    store().publish(service, "n", new PubSubItem("3", null, T, null), 10);
    assertEquals(List.of(new PubSubItem("3", null, T, null), item("2", bob, 2),
        item("1", alice, 1)), store().items(service, "n", 10));
    assertEquals(List.of("3", "2"), ids(store().items(service, "n", 2)));
    assertEquals(List.of(), store().items(service, "n", 0));
    assertEquals(Optional.of(item("2", bob, 2)), store().item(service, "n", "2"));
    assertEquals(Optional.empty(), store().item(service, "n", "4"));
  }

  @Test
  void republishedIdReplacesAndBecomesNewest() {
    created("n");
    store().publish(service, "n", item("1", alice, 1), 10);
    store().publish(service, "n", item("2", alice, 2), 10);
    store().publish(service, "n", item("1", bob, 3), 10);
    assertEquals(List.of(item("1", bob, 3), item("2", alice, 2)),
        store().items(service, "n", 10));
  }

  @Test
  void publishDropsOldestBeyondMaxItems() {
    created("n");
    for (int i = 1; i <= 5; i++) {
      store().publish(service, "n", item("i" + i, alice, i), 3);
    }
    assertEquals(List.of("i5", "i4", "i3"), ids(store().items(service, "n", 10)));
    store().publish(service, "n", item("i6", alice, 6), 1);
    assertEquals(List.of("i6"), ids(store().items(service, "n", 10)));
  }

  @Test
  void publishToMissingNodeStoresNothing() {
    store().publish(service, "none", item("1", alice, 1), 10);
    assertEquals(List.of(), store().items(service, "none", 10));
  }

  @Test
  void retractAndPurge() {
    created("n");
    store().publish(service, "n", item("1", alice, 1), 10);
    store().publish(service, "n", item("2", alice, 2), 10);
    assertTrue(store().retract(service, "n", "1"));
    assertFalse(store().retract(service, "n", "1"));
    assertEquals(List.of("2"), ids(store().items(service, "n", 10)));
    store().purge(service, "n");
    assertEquals(List.of(), store().items(service, "n", 10));
    assertTrue(store().node(service, "n").isPresent());
  }

  @Test
  void subscriptionsInOrderReplacedInPlaceAndRemoved() {
    created("n");
    Jid bobFull = Jid.of(bob + "/phone");
    store().putSubscription(sub(bob, "s1", State.SUBSCRIBED));
    store().putSubscription(sub(alice, "s2", State.PENDING));
    store().putSubscription(sub(bobFull, "s3", State.UNCONFIGURED));
    assertEquals(List.of(sub(bob, "s1", State.SUBSCRIBED), sub(alice, "s2", State.PENDING),
        sub(bobFull, "s3", State.UNCONFIGURED)), store().subscriptions(service, "n"));
    // Exactly as subscribed: the bare JID's list holds not the full JID's subscription.
    assertEquals(List.of(sub(bob, "s1", State.SUBSCRIBED)),
        store().subscriptions(service, "n", bob));
    assertEquals(List.of(sub(bobFull, "s3", State.UNCONFIGURED)),
        store().subscriptions(service, "n", bobFull));

    PubSubSubscription replaced = sub(bob, "s1", State.PENDING)
        .withOptions(Map.of("pubsub#digest", List.of("false")));
    store().putSubscription(replaced);
    assertEquals(List.of(replaced, sub(alice, "s2", State.PENDING),
        sub(bobFull, "s3", State.UNCONFIGURED)), store().subscriptions(service, "n"));

    assertTrue(store().removeSubscription(service, "n", bob, "s1"));
    assertFalse(store().removeSubscription(service, "n", bob, "s1"));
    assertFalse(store().removeSubscription(service, "n", bob, "s3"));
    assertEquals(List.of(), store().subscriptions(service, "n", bob));
    assertEquals(2, store().subscriptions(service, "n").size());
  }

  @Test
  void oneJidMayHoldSeveralSubscriptions() {
    created("n");
    store().putSubscription(sub(bob, "s1", State.SUBSCRIBED));
    store().putSubscription(sub(bob, "s2", State.SUBSCRIBED));
    assertEquals(List.of(sub(bob, "s1", State.SUBSCRIBED), sub(bob, "s2", State.SUBSCRIBED)),
        store().subscriptions(service, "n", bob));
  }

  @Test
  void affiliationsByBareJidAndNoneRemoves() {
    created("n");
    store().setAffiliation(service, "n", alice, PubSubAffiliation.OWNER);
    store().setAffiliation(service, "n", Jid.of(bob + "/phone"), PubSubAffiliation.PUBLISH_ONLY);
    assertEquals(Map.of(alice, PubSubAffiliation.OWNER, bob, PubSubAffiliation.PUBLISH_ONLY),
        store().affiliations(service, "n"));
    store().setAffiliation(service, "n", bob, PubSubAffiliation.OUTCAST);
    store().setAffiliation(service, "n", alice, PubSubAffiliation.NONE);
    assertEquals(Map.of(bob, PubSubAffiliation.OUTCAST), store().affiliations(service, "n"));
  }

  @Test
  void deleteNodeTakesItsStateAndNameIsFreeAgain() {
    created("n");
    store().publish(service, "n", item("1", alice, 1), 10);
    store().putSubscription(sub(bob, "s1", State.SUBSCRIBED));
    store().setAffiliation(service, "n", alice, PubSubAffiliation.OWNER);
    assertTrue(store().deleteNode(service, "n"));
    assertEquals(Optional.empty(), store().node(service, "n"));
    assertTrue(store().createNode(node("n", Map.of())));
    assertEquals(List.of(), store().items(service, "n", 10));
    assertEquals(List.of(), store().subscriptions(service, "n"));
    assertEquals(Map.of(), store().affiliations(service, "n"));
  }

  @Test
  void deleteServiceDropsOnlyThatService() {
    created("a");
    created("b");
    store().publish(service, "a", item("1", alice, 1), 10);
    Jid other = Users.fresh();
    PubSubNode kept = new PubSubNode(other, "a", other, T, Map.of());
    store().createNode(kept);
    store().deleteService(service);
    assertEquals(List.of(), store().nodes(service));
    assertEquals(List.of(), store().items(service, "a", 10));
    assertEquals(List.of(kept), store().nodes(other));
  }
}
