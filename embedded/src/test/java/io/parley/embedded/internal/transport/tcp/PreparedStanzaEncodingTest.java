package io.parley.embedded.internal.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte level: a prepared stanza's delivery is the same XML, with the payload bytes shared. */
class PreparedStanzaEncodingTest {
  private static final Message NOTIFICATION = new Message(null, Jid.of("pubsub.example.test"),
      "n1", Message.Type.HEADLINE, null, List.of(
          Element.builder("event", "http://jabber.org/protocol/pubsub#event")
              .child(Element.builder("items", "http://jabber.org/protocol/pubsub#event")
                  .attribute("node", "a&b")
                  .child(Element.builder("item", "http://jabber.org/protocol/pubsub#event")
                      .attribute("id", "i1").text("x < y, ü").build())
                  .build())
              .build()));

  private static String written(EmbeddedChannel ch, List<ByteBuf> parts) {
    StringBuilder sb = new StringBuilder();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      parts.add(b);
      sb.append(b.toString(UTF_8));
    }
    return sb.toString();
  }

  private static void release(List<ByteBuf> parts) {
    for (ByteBuf b : parts) {
      b.release();
    }
  }

  @Test
  void aDeliveryIsByteForByteThePlainStanzaAddressedToTheRecipient() {
    EmbeddedChannel plain = new EmbeddedChannel(new XmppEncoder());
    EmbeddedChannel shared = new EmbeddedChannel(new XmppEncoder());
    Jid to = Jid.of("juliet@example.test/balcony");
    PreparedStanza prepared = PreparedStanza.of(NOTIFICATION);
    plain.writeAndFlush(NOTIFICATION.withTo(to));
    shared.writeAndFlush(prepared.to(to));
    List<ByteBuf> a = new ArrayList<>();
    List<ByteBuf> b = new ArrayList<>();
    String expected = written(plain, a);
    assertEquals(expected, written(shared, b));
    assertEquals(2, b.size(), "a per-recipient head and the shared body");
    assertEquals("<message to='juliet@example.test/balcony'", b.get(0).toString(UTF_8));
    release(a);
    release(b);
    assertFalse(plain.finish());
    assertFalse(shared.finish());
  }

  @Test
  void connectionsShareOneSerializationOfThePayload() {
    PreparedStanza prepared = PreparedStanza.of(new Presence(null,
        Jid.of("romeo@example.test/orchard"), null, Presence.Type.AVAILABLE, null, List.of()));
    List<ByteBuf> bodies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      EmbeddedChannel ch = new EmbeddedChannel(new XmppEncoder());
      ch.writeAndFlush(prepared.to(Jid.of("c" + i + "@example.test")));
      List<ByteBuf> parts = new ArrayList<>();
      assertEquals("<presence to='c" + i + "@example.test' from='romeo@example.test/orchard'/>",
          written(ch, parts));
      bodies.add(parts.get(1));
      parts.get(0).release();
      assertFalse(ch.finish());
    }
    for (ByteBuf body : bodies) {
      assertSame(prepared.body(), body.unwrap(), "a view of the one serialization, not a copy");
      body.release();
    }
    // The shared buffer outlives every write: the next recipient can still use it.
    assertEquals(1, prepared.body().refCnt());
  }

  @Test
  void aStanzaWithAnyAddressIsServedFromItsTemplate() {
    Stanza addressed = NOTIFICATION.withTo(Jid.of("someone@example.test"));
    EmbeddedChannel ch = new EmbeddedChannel(new XmppEncoder());
    ch.writeAndFlush(PreparedStanza.of(addressed).to(Jid.of("other@example.test")));
    List<ByteBuf> parts = new ArrayList<>();
    String xml = written(ch, parts);
    assertEquals(true, xml.startsWith("<message to='other@example.test' from="), xml);
    release(parts);
    assertFalse(ch.finish());
  }
}
