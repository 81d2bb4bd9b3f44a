package io.parley.spi.roster;

import io.parley.spi.stanza.Jid;
import java.util.List;

/**
 * The host's part of every roster: contacts the host's social graph defines (for example
 * everyone in the same team, with a mutual subscription). Clients see them merged with the
 * entries users manage themselves and cannot change or remove them (such changes get
 * {@code not-allowed}). When the graph changes, the host calls
 * {@code Parley.rosterChanged(user)} and online resources get roster pushes.
 *
 * <p>Called from Parley's blocking executor; may block; must be thread-safe. An exception is
 * logged and treated as no host entries for that call.
 */
@FunctionalInterface
public interface RosterProvider {
  /**
   * The host's roster items for a user, by the user's bare JID. A host item for a contact the
   * user also has in their own roster replaces the user's item.
   */
  List<RosterItem> rosterOf(Jid user);
}
