package io.parley.embedded.internal.feature.disco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.embedded.internal.router.LocalService;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqScope;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The server's disco#items lists its services (XEP-0030 §4), ordered by domain. */
class DiscoItemsHandlerTest {
  private static LocalService service(String domain, String name) {
    return new LocalService() {
      @Override
      public String domain() {
        return domain;
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public void receive(Stanza stanza) {}
    };
  }

  @Test
  void serverItemsAreItsServices() throws Exception {
    DiscoItemsHandler handler = new DiscoItemsHandler(null, Set.of(
        service("pubsub.example.test", null), service("conference.example.test", "Chat rooms")),
        Set.of());
    Iq request = new Iq(Jid.of("example.test"), Jid.of("romeo@example.test/orchard"), "d1",
        Iq.Type.GET, null, List.of(Element.of("query", Disco.ITEMS)));
    IqContext server = new IqContext() {
      @Override
      public Jid sender() {
        return Jid.of("romeo@example.test/orchard");
      }

      @Override
      public Jid target() {
        return Jid.of("example.test");
      }

      @Override
      public IqScope scope() {
        return IqScope.SERVER;
      }

      @Override
      public Jid domain() {
        return Jid.of("example.test");
      }
    };
    Iq result = handler.handle(request, server).toCompletableFuture().get();
    List<Element> items = result.child("query", Disco.ITEMS).elements();
    assertEquals(2, items.size());
    assertEquals("conference.example.test", items.get(0).attribute("jid"));
    assertEquals("Chat rooms", items.get(0).attribute("name"));
    assertEquals("pubsub.example.test", items.get(1).attribute("jid"));
    assertNull(items.get(1).attribute("name"));
  }
}
