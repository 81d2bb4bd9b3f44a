package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.storage.OfflineStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The {@link OfflineStore} contract, run against every implementation. */
abstract class OfflineStoreContract {
  abstract OfflineStore store();

  private final Jid user = Users.fresh();
  private final Jid sender = Users.fresh().withResource("balcony");

  private Message message(int i) {
    Element extra = Element.builder("delay", "urn:xmpp:delay")
        .attribute("stamp", "2026-01-01T00:00:00Z")
        .attribute("from", "example.test").text("Offline <Storage> & \"more\"").build();
    return new Message(user, sender, "m" + i, Message.Type.CHAT, "en",
        List.of(Element.builder("body", "jabber:client").text("hello " + i + " \u00e9\ud83d\ude00")
            .build(), extra));
  }

  @Test
  void messagesComeBackExactlyAndInStoredOrder() {
    for (int i = 0; i < 5; i++) {
      assertTrue(store().store(user, message(i), 100));
    }
    assertEquals(5, store().count(user));
    assertEquals(List.of(message(0), message(1), message(2), message(3), message(4)),
        store().takeAll(user));
  }

  @Test
  void takeAllEmptiesTheQueue() {
    store().store(user, message(1), 100);
    store().takeAll(user);
    assertEquals(0, store().count(user));
    assertEquals(List.of(), store().takeAll(user));
  }

  @Test
  void userWithNothingStoredGetsNothing() {
    assertEquals(List.of(), store().takeAll(user));
    assertEquals(0, store().count(user));
  }

  @Test
  void limitRefusesTheMessageBeyondIt() {
    assertTrue(store().store(user, message(1), 2));
    assertTrue(store().store(user, message(2), 2));
    assertFalse(store().store(user, message(3), 2));
    assertEquals(List.of(message(1), message(2)), store().takeAll(user));
  }

  @Test
  void concurrentSendersNeverExceedTheLimit() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        Message m = message(i);
        tasks.add(() -> store().store(user, m, 30));
      }
      int stored = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        stored += f.get() ? 1 : 0;
      }
      assertEquals(30, stored);
      assertEquals(30, store().takeAll(user).size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void queuesAreSeparatePerUserAndDeleteUserEmptiesOne() {
    Jid other = Users.fresh();
    store().store(user, message(1), 10);
    store().store(other, message(2), 10);
    store().deleteUser(user);
    assertEquals(0, store().count(user));
    assertEquals(List.of(message(2)), store().takeAll(other));
  }
}
