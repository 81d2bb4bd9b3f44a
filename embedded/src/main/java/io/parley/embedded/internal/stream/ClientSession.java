package io.parley.embedded.internal.stream;

import io.parley.embedded.internal.session.InterceptorChain;
import io.parley.embedded.internal.session.MailboxSession;
import io.parley.embedded.internal.session.PreparedStanza;
import io.parley.embedded.internal.session.SerialExecutor;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bound network session: its mailbox drains into the transport on the connection's thread (or,
 * when host interceptors may block, on the session's serial executor; the transport's writes are
 * thread-safe then because Netty hands them to the event loop in order).
 */
final class ClientSession extends MailboxSession {
  private final StreamTransport transport;
  private final InterceptorChain interceptors;
  private final C2sStream stream;
  private final SerialExecutor serial;

  ClientSession(Jid jid, StreamTransport transport, InterceptorChain interceptors,
      SerialExecutor serial, int mailboxCapacity, C2sStream stream) {
    super(jid, mailboxCapacity, interceptors.hasHostInterceptors() ? serial : transport.executor());
    this.transport = transport;
    this.interceptors = interceptors;
    this.serial = serial;
    this.stream = stream;
  }

  @Override
  public String transport() {
    return transport.name();
  }

  @Override
  public SocketAddress remoteAddress() {
    return transport.remoteAddress();
  }

  @Override
  public void terminate(StreamErrorCondition condition) {
    transport.executor().execute(() -> stream.fail(condition, null));
  }

  SerialExecutor serial() {
    return serial;
  }

  /**
   * On the stream's executor: closes the mailbox and hands {@code rest} what it never wrote. With
   * host interceptors the mailbox drains on the serial executor, so its rest is taken there,
   * after any drain in progress, and {@code rest} runs there too.
   */
  void endMailbox(Consumer<List<Stanza>> rest) {
    if (!interceptors.hasHostInterceptors()) {
      rest.accept(closeMailbox());
    } else {
      closeMailbox(rest);
    }
  }

  /** The transport can take data again: resume draining on the mailbox's executor. */
  void writable() {
    if (!interceptors.hasHostInterceptors()) {
      mailbox().resume();
    } else {
      serial.execute(mailbox()::resume);
    }
  }

  @Override
  public boolean ready() {
    return transport.isWritable();
  }

  @Override
  public void accept(Stanza stanza) {
    Stanza out = interceptors.outbound(stanza, jid());
    if (out != null) {
      transport.write(out);
    }
  }

  @Override
  protected boolean writesSerialized() {
    return true;
  }

  @Override
  public void accept(PreparedStanza.Addressed delivery) {
    Stanza stanza = delivery.stanza();
    Stanza out = interceptors.outbound(stanza, jid());
    if (out == stanza) {
      transport.write(delivery); // unchanged by the interceptors: the shared bytes fit
    } else if (out != null) {
      transport.write(out);
    }
  }

  @Override
  public void batchDone() {
    transport.flushDeliveries();
  }

}
