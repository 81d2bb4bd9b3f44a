package io.parley.embedded.internal.feature.presence;

import io.parley.spi.stanza.Jid;

/**
 * Lets another feature withhold broadcast presence and probe answers between two accounts (the
 * blocking command, XEP-0191 §3.3). Called on the broadcasting thread; must not block.
 */
public interface PresenceFilter {
  /** Whether presence of {@code from} must not reach {@code to}. */
  boolean withholds(Jid from, Jid to);
}
