package io.parley.embedded.internal.session;

import io.parley.spi.stanza.Jid;

/**
 * Told when an account was deleted (XEP-0077 §3.2), so that every feature drops the user's data
 * from its store. Called on the blocking executor, after the credentials are gone; may block.
 */
public interface AccountDeletion {
  void deleted(Jid user);
}
