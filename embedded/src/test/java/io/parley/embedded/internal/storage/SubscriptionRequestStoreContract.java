package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.storage.SubscriptionRequestStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@link SubscriptionRequestStore} contract, run against every implementation. */
abstract class SubscriptionRequestStoreContract {
  abstract SubscriptionRequestStore store();

  private final Jid user = Users.fresh();
  private final Jid romeo = Users.fresh();
  private final Jid nurse = Users.fresh();

  private Presence subscribe(Jid from, String status) {
    return new Presence(user, from, "s1", Presence.Type.SUBSCRIBE, null,
        List.of(Element.builder("status", "jabber:client").text(status).build()));
  }

  @Test
  void keptRequestIsPendingAndComesBackEqual() {
    assertFalse(store().has(user, romeo));
    store().put(user, romeo, subscribe(romeo, "let me see"));
    assertTrue(store().has(user, romeo));
    assertEquals(List.of(subscribe(romeo, "let me see")), store().pending(user));
  }

  @Test
  void laterRequestReplacesTheEarlierOne() {
    store().put(user, romeo, subscribe(romeo, "one"));
    store().put(user, romeo, subscribe(romeo, "two"));
    assertEquals(List.of(subscribe(romeo, "two")), store().pending(user));
  }

  @Test
  void removeForgetsOneRequesterAndDeleteUserAll() {
    store().put(user, romeo, subscribe(romeo, "r"));
    store().put(user, nurse, subscribe(nurse, "n"));
    assertEquals(Set.of(subscribe(romeo, "r"), subscribe(nurse, "n")),
        new HashSet<>(store().pending(user)));
    store().remove(user, romeo);
    assertFalse(store().has(user, romeo));
    assertEquals(List.of(subscribe(nurse, "n")), store().pending(user));
    store().deleteUser(user);
    assertEquals(List.of(), store().pending(user));
  }
}
