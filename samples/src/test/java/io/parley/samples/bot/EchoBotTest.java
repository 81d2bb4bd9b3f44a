package io.parley.samples.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EchoBotTest {
  private Parley parley;
  private EchoBot bot;
  private InProcessSession alice;
  private final BlockingQueue<Stanza> inbox = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    parley = Parley.builder().tcpPort(-1).directTlsPort(-1).inMemoryStorage().build().start();
    bot = EchoBot.start(parley);
    alice = parley.openSession(Jid.of("alice@localhost/test"), inbox::add);
  }

  @AfterEach
  void stop() {
    parley.close();
  }

  @Test
  void echoesToTheSendersFullJidWithTheSameTypeAndId() throws Exception {
    alice.send(new Message(bot.jid(), null, "m1", Message.Type.NORMAL, null,
        Message.chat(bot.jid(), "hi").children()));
    Message echo = (Message) inbox.poll(10, TimeUnit.SECONDS);
    assertNotNull(echo);
    assertEquals("hi", echo.body());
    assertEquals("m1", echo.id());
    assertEquals(Message.Type.NORMAL, echo.type());
    assertEquals(alice.jid(), echo.to());
  }

  @Test
  void answersIqRequestsWithServiceUnavailable() throws Exception {
    alice.send(Iq.get(bot.jid(), "q1", Element.builder("query", "jabber:iq:version").build()));
    Iq reply = (Iq) inbox.poll(10, TimeUnit.SECONDS);
    assertNotNull(reply);
    assertEquals(Iq.Type.ERROR, reply.type());
    assertEquals("q1", reply.id());
    assertEquals(StanzaError.Condition.SERVICE_UNAVAILABLE, reply.error().condition());
  }

  @Test
  void ignoresErrorsAndMessagesWithoutBody() throws Exception {
    alice.send(new Message(bot.jid(), null, "e1", Message.Type.ERROR, null, List.of()));
    alice.send(new Message(bot.jid(), null, "n1", Message.Type.CHAT, null, List.of()));
    // A later echo proves the bot has handled the two before it (one session, in order).
    alice.send(Message.chat(bot.jid(), "marker"));
    Message first = (Message) inbox.poll(10, TimeUnit.SECONDS);
    assertNotNull(first);
    assertEquals("marker", first.body());
    assertNull(inbox.poll(100, TimeUnit.MILLISECONDS));
  }
}
