package io.parley.embedded.internal.session;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What every kind of session shares: the JID, the mailbox it drains into {@link #accept}, and the
 * broadcast presence with the availability and priority routing reads on every message.
 */
public abstract class MailboxSession implements Session, Mailbox.Sink {
  private final Jid jid;
  private final Mailbox mailbox;
  private volatile Presence presence;
  // Derived from presence when it is set, so routing does not re-read the stanza per message.
  private volatile boolean available;
  private volatile int priority;

  protected MailboxSession(Jid jid, int mailboxCapacity, Executor drainExecutor) {
    this.jid = jid;
    this.mailbox = new Mailbox(mailboxCapacity, 64, drainExecutor, this);
  }

  @Override
  public final Jid jid() {
    return jid;
  }

  @Override
  public final boolean deliver(Stanza stanza) {
    return mailbox.offer(stanza);
  }

  /**
   * A network session queues the delivery itself, to write the shared serialization; a session
   * that consumes stanzas (in-process) gets the addressed stanza at once, which costs one small
   * object instead of two.
   */
  @Override
  public final boolean deliver(PreparedStanza prepared, Jid to) {
    return writesSerialized() ? mailbox.offer(prepared.to(to))
        : mailbox.offer(prepared.stanza(to));
  }

  @Override
  public final boolean deliver(Burst burst) {
    return mailbox.offer(burst);
  }

  /** Whether {@link #accept(PreparedStanza.Addressed)} writes the shared bytes (network). */
  protected boolean writesSerialized() {
    return false;
  }

  @Override
  public final Presence presence() {
    return presence;
  }

  @Override
  public final void presence(Presence p) {
    priority = p == null ? 0 : p.priority();
    available = p != null && p.type() == Presence.Type.AVAILABLE;
    presence = p;
  }

  @Override
  public final boolean isAvailable() {
    return available;
  }

  @Override
  public final int priority() {
    return priority;
  }

  protected final Mailbox mailbox() {
    return mailbox;
  }

  /**
   * Closes the mailbox; returns what was never drained, for the router to deliver elsewhere. On
   * the mailbox's executor only (see {@link Mailbox#close()}).
   */
  public final List<Stanza> closeMailbox() {
    return mailbox.close();
  }

  /**
   * Closes the mailbox from any thread; {@code rest} gets what was never drained, on the
   * mailbox's executor (see {@link Mailbox#close(Consumer)}).
   */
  protected final void closeMailbox(Consumer<List<Stanza>> rest) {
    mailbox.close(rest);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + jid + "]";
  }
}
