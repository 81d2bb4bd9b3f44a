package io.parley.spi.event;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import java.time.Instant;
import java.util.Objects;

/**
 * A client resource's broadcast presence changed: it became available, changed its show or
 * status, or became unavailable (also when its connection dropped).
 *
 * @param jid the resource's full JID
 * @param presence the new presence; type {@code UNAVAILABLE} when it went away
 * @param time when it happened
 */
public record PresenceEvent(Jid jid, Presence presence, Instant time) {
  public PresenceEvent {
    Objects.requireNonNull(jid, "jid");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(time, "time");
  }

  public boolean available() {
    return presence.type() == Presence.Type.AVAILABLE;
  }

  /** {@code away}, {@code chat}, {@code dnd}, {@code xa}, or null for plain available. */
  public String show() {
    return presence.show();
  }

  public String status() {
    return presence.status();
  }
}
