package io.parley.embedded.internal.feature.roster;

import io.parley.spi.stanza.Presence;

/** Where presence the server sends on a user's behalf goes (the router; a list in tests). */
@FunctionalInterface
interface ServerPresence {
  void send(Presence presence);
}
