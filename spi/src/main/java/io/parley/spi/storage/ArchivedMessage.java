package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import java.time.Instant;
import java.util.Objects;

/**
 * One archived message.
 *
 * @param id the archive's stable id for it (XEP-0359 stanza-id), unique within one archive
 * @param timestamp when the server archived it
 * @param with the other party's JID as it appeared on the stanza (full or bare)
 * @param message the stanza as it was delivered or sent
 */
public record ArchivedMessage(String id, Instant timestamp, Jid with, Message message) {
  public ArchivedMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(with, "with");
    Objects.requireNonNull(message, "message");
  }
}
