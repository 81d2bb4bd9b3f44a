package io.parley.spi.storage;

import io.parley.spi.stanza.Jid;
import java.util.Set;

/**
 * A user's archiving preferences (XEP-0313 §6): the default for contacts on neither list, and
 * bare JIDs always or never archived.
 */
public record ArchivePreferences(Default defaultBehaviour, Set<Jid> always, Set<Jid> never) {
  /** Archive everything, as Prosody and ejabberd do by default. */
  public static final ArchivePreferences DEFAULT =
      new ArchivePreferences(Default.ALWAYS, Set.of(), Set.of());

  public ArchivePreferences {
    always = Set.copyOf(always);
    never = Set.copyOf(never);
  }

  /** The XEP's {@code default} attribute values. */
  public enum Default {
    ALWAYS, NEVER, ROSTER
  }
}
