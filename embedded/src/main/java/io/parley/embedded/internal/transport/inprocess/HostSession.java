package io.parley.embedded.internal.transport.inprocess;

import io.parley.embedded.InProcessSession;
import io.parley.embedded.internal.session.InterceptorChain;
import io.parley.embedded.internal.session.Addressing;
import io.parley.embedded.internal.session.MailboxSession;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.embedded.internal.session.SessionEvents;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.embedded.internal.session.StanzaRouting;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session of host code: its mailbox drains into the host's receiver on the session's serial
 * executor (the receiver may block), and what it sends is routed like a network client's.
 */
final class HostSession extends MailboxSession implements InProcessSession {
  private static final Logger log = LoggerFactory.getLogger(HostSession.class);

  private final Consumer<Stanza> receiver;
  private final SerialExecutor serial;
  private final InterceptorChain interceptors;
  private final StanzaRouting router;
  private final SessionRegistry registry;
  private final SessionEvents events;
  private final AtomicBoolean open = new AtomicBoolean(true);

  HostSession(Jid jid, Consumer<Stanza> receiver, SerialExecutor serial, int mailboxCapacity,
      InterceptorChain interceptors, StanzaRouting router, SessionRegistry registry,
      SessionEvents events) {
    super(jid, mailboxCapacity, serial);
    this.receiver = receiver;
    this.serial = serial;
    this.interceptors = interceptors;
    this.router = router;
    this.registry = registry;
    this.events = events;
  }

  @Override
  public String transport() {
    return "in-process";
  }

  @Override
  public SocketAddress remoteAddress() {
    return null;
  }

  @Override
  public void terminate(StreamErrorCondition condition) {
    close();
  }

  @Override
  public void send(Stanza stanza) {
    if (!open.get()) {
      throw new IllegalStateException("session closed: " + jid());
    }
    Stanza stamped = Addressing.stamp(stanza, jid());
    if (stamped == null) {
      throw new IllegalArgumentException("from " + stanza.from() + " is not " + jid());
    }
    interceptors.routeInbound(stamped, this, serial, router);
  }

  @Override
  public boolean isOpen() {
    return open.get();
  }

  @Override
  public void close() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    registry.unbind(this);
    // Host code closes from any thread, while the mailbox may be draining on the serial
    // executor: what it still holds is taken there, after that drain.
    closeMailbox(rest -> {
      for (Stanza left : rest) {
        router.undeliverable(left, this);
      }
      events.ended(this, serial);
    });
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public void accept(Stanza stanza) {
    Stanza out = interceptors.outbound(stanza, jid());
    if (out == null) {
      return;
    }
    try {
      receiver.accept(out);
    } catch (RuntimeException e) {
      log.warn("receiver of {} failed", jid(), e);
    }
  }

  @Override
  public void batchDone() {}

}
