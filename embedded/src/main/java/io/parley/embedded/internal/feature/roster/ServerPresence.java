package io.parley.embedded.internal.feature.roster;

import io.parley.spi.stanza.Presence;
import java.util.concurrent.CompletionStage;

/** Where presence the server sends on a user's behalf goes (the router; a list in tests). */
@FunctionalInterface
interface ServerPresence {
  /**
   * Sends the presence; the stage completes once a local recipient's server side has processed
   * it (at once for a remote one).
   */
  CompletionStage<Void> send(Presence presence);
}
