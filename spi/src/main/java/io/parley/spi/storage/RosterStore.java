package io.parley.spi.storage;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.Optional;

/**
 * The rosters users manage themselves (RFC 6121 §2), with their version (XEP-0237). Called from
 * Parley's blocking executor; may block; must be thread-safe. Writes must be durable when they
 * return: Parley acknowledges them to the client afterwards.
 */
public interface RosterStore {
  /** The user's items, in no particular order; empty for a user with none. */
  List<RosterItem> items(Jid user);

  Optional<RosterItem> item(Jid user, Jid contact);

  /** Adds or replaces an item and returns the roster's new version string. */
  String put(Jid user, RosterItem item);

  /** Removes an item (no-op if absent) and returns the roster's new version string. */
  String remove(Jid user, Jid contact);

  /** The current version string of the user's roster (RFC 6121 §2.6, XEP-0237). */
  String version(Jid user);

  /** Forgets everything of a user (account deletion). */
  void deleteUser(Jid user);
}
