package io.parley.embedded.internal.session;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;

/**
 * Several stanzas for one session that its mailbox holds as ONE entry and writes in order, with
 * nothing between them: for example a room's join burst (XEP-0045 §7.1: every occupant's
 * presence, the newcomer's own, history, subject), which may be longer than the mailbox's
 * capacity and must not lose its head to it. The sender bounds it (a room's own state, already
 * in memory). Built on one thread and not changed once delivered.
 */
public final class Burst {
  // Stanza or PreparedStanza.Addressed, as a mailbox holds them.
  private final List<Object> entries = new ArrayList<>();
  private int next; // read position, for the one consumer

  public Burst add(Stanza stanza) {
    entries.add(stanza);
    return this;
  }

  /** Adds one delivery of a prepared stanza, addressed to {@code to}. */
  public Burst add(PreparedStanza prepared, Jid to) {
    entries.add(prepared.to(to));
    return this;
  }

  public int size() {
    return entries.size();
  }

  /** The stanzas as delivered, in order (for recipients without a mailbox). */
  public List<Stanza> stanzas() {
    List<Stanza> all = new ArrayList<>(entries.size());
    for (Object e : entries) {
      all.add(e instanceof Stanza s ? s : ((PreparedStanza.Addressed) e).stanza());
    }
    return all;
  }

  List<Object> entries() {
    return entries;
  }

  /** The next entry for the consumer, or null when all were taken. */
  Object poll() {
    return next < entries.size() ? entries.get(next++) : null;
  }
}
