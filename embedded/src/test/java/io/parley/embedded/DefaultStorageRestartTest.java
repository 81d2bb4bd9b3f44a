package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pub-sub state lives in the default database (H2 in the data directory) across a restart. */
class DefaultStorageRestartTest {
  private static final String PUBSUB = "http://jabber.org/protocol/pubsub";

  @TempDir Path dataDir;

  private Parley server() {
    return Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).build().start();
  }

  @Test
  void pubSubNodeAndItemSurviveARestart() throws Exception {
    Element payload = Element.builder("entry", "urn:example:news").text("kept").build();
    try (Parley parley = server()) {
      assertTrue(parley.pubSub().createNode("news", Map.of()).toCompletableFuture()
          .get(15, TimeUnit.SECONDS));
      parley.pubSub().publish("news", "first", payload).toCompletableFuture()
          .get(15, TimeUnit.SECONDS);
    }
    try (Parley parley = server()) {
      assertFalse(parley.pubSub().createNode("news", Map.of()).toCompletableFuture()
          .get(15, TimeUnit.SECONDS), "the node was created again: it did not survive");
      TestClient alice = new TestClient(parley, "alice@example.test/desk").available(0);
      Iq result = alice.request(Iq.Type.GET, parley.pubSub().service(),
          Element.builder("pubsub", PUBSUB)
              .child(Element.builder("items", PUBSUB).attribute("node", "news").build())
              .build());
      Element items = result.payload().child("items", PUBSUB);
      assertNotNull(items, result::toString);
      List<Element> all =
          items.elements().stream().filter(e -> e.name().equals("item")).toList();
      assertEquals(1, all.size(), result::toString);
      assertEquals("first", all.get(0).attribute("id"));
      assertEquals(payload, all.get(0).child("entry", "urn:example:news"));
    }
  }
}
