package io.parley.samples.bot;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot written against the in-process API: it holds a session for {@code echo@<domain>/bot}
 * and answers every chat or normal message that has a body with the same text.
 *
 * <p>It needs no account in the credential store: in-process sessions are bound by host code,
 * not authenticated. It sends available presence, so messages to its bare JID reach it.
 */
public final class EchoBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EchoBot.class);

  // Volatile: the receiver may run on Parley's blocking executor before openSession returns here.
  private volatile InProcessSession session;

  private EchoBot(Parley parley, Jid jid) {
    this.session = parley.openSession(jid, this::receive);
    session.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of()));
  }

  /** Starts the bot as {@code echo@<domain>/bot} on a started server. */
  public static EchoBot start(Parley parley) {
    return new EchoBot(parley, Jid.of("echo", parley.domain().domain(), "bot"));
  }

  /** The bot's full JID. */
  public Jid jid() {
    return session.jid();
  }

  private void receive(Stanza stanza) {
    InProcessSession session = this.session;
    if (session == null || !session.isOpen() || stanza.from() == null) {
      return; // too early (a stanza to our full JID before we know our session) or too late
    }
    if (stanza instanceof Message m) {
      // Never echo errors (a bounced echo would be echoed again) nor our own messages.
      boolean echoable = m.type() == Message.Type.CHAT || m.type() == Message.Type.NORMAL;
      if (echoable && m.body() != null && !m.from().asBare().equals(session.jid().asBare())) {
        log.debug("echoing to {}", m.from());
        session.send(new Message(m.from(), null, m.id(), m.type(), m.lang(),
            List.of(m.child("body", Stanza.CLIENT_NAMESPACE))));
      }
    } else if (stanza instanceof Iq iq && iq.isRequest()) {
      // RFC 6120 §8.2.3: every get or set must be answered; the bot offers no IQ services.
      session.send(iq.errorReply(StanzaError.of(StanzaError.Condition.SERVICE_UNAVAILABLE)));
    }
  }

  /** Ends the bot's session. */
  @Override
  public void close() {
    session.close();
  }
}
