package io.parley.spi.storage;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import java.time.Instant;
import java.util.Objects;

/**
 * A published item (XEP-0060 §7.1): its id, the publisher's JID, when it was published, and the
 * payload, or null for a notification-only node's item.
 */
public record PubSubItem(String id, Jid publisher, Instant published, Element payload) {
  public PubSubItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(published, "published");
  }
}
