package io.parley.embedded;

/**
 * What happens when a client binds a resource that another session of the same account holds
 * (RFC 6120 §7.7.2.2).
 */
public enum ResourceConflictPolicy {
  /**
   * The new session wins; the old one is closed with the {@code <conflict/>} stream error. The
   * default of Prosody, ejabberd and Openfire, and what clients that reconnect after a network
   * change expect.
   */
  KICK_OLD,
  /** The new session is refused with the {@code <conflict/>} stanza error. */
  REJECT_NEW
}
