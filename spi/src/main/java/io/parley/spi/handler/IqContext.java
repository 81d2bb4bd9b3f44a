package io.parley.spi.handler;

import io.parley.spi.stanza.Jid;

/** What a handler knows about the request beyond the stanza itself. */
public interface IqContext {
  /** The authenticated full JID of the requester (the server stamps it; it cannot be forged). */
  Jid sender();

  /** The addressee: the server's domain for {@link IqScope#SERVER}, a bare JID for accounts. */
  Jid target();

  /** The scope the request was matched in. */
  IqScope scope();

  /** The server's domain. */
  Jid domain();
}
