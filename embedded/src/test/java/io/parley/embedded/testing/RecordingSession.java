package io.parley.embedded.testing;

import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A session that records what is delivered to it, for handler-level tests; it refuses stanzas
 * once {@code capacity} were delivered, like a full mailbox.
 */
public final class RecordingSession implements Session {
  private final Jid jid;
  private final int capacity;
  public final List<Stanza> received = new CopyOnWriteArrayList<>();
  private volatile Presence presence;

  public RecordingSession(Jid jid) {
    this(jid, Integer.MAX_VALUE);
  }

  public RecordingSession(Jid jid, int capacity) {
    this.jid = jid;
    this.capacity = capacity;
  }

  /** What was delivered, as IQs (roster and block list pushes). */
  public List<Iq> iqs() {
    List<Iq> iqs = new ArrayList<>();
    for (Stanza s : received) {
      iqs.add((Iq) s);
    }
    return iqs;
  }

  @Override
  public Jid jid() {
    return jid;
  }

  @Override
  public String transport() {
    return "test";
  }

  @Override
  public SocketAddress remoteAddress() {
    return null;
  }

  @Override
  public boolean deliver(Stanza stanza) {
    if (received.size() >= capacity) {
      return false;
    }
    return received.add(stanza);
  }

  @Override
  public Presence presence() {
    return presence;
  }

  @Override
  public void presence(Presence p) {
    presence = p;
  }

  @Override
  public void terminate(StreamErrorCondition condition) {}
}
