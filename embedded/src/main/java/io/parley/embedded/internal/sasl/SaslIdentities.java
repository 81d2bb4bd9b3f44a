package io.parley.embedded.internal.sasl;

import io.parley.spi.stanza.Jid;

/** Prepares SASL authentication identities and checks authorization identities for one domain. */
final class SaslIdentities {
  private final String domain;

  SaslIdentities(String domain) {
    this.domain = Jid.domain(domain).domain();
  }

  /** The username prepared as a JID localpart (RFC 7622 §3.3), or null if it cannot be one. */
  String prepareUsername(String username) {
    try {
      return Jid.of(username, domain, null).local();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * RFC 6120 §6.3.8: a client may only authorize as itself here, so the authzid must be absent or
   * the bare JID of the authenticated user (compared in prepared form).
   */
  boolean isAllowedAuthzid(String authzid, String preparedUsername) {
    if (authzid == null || authzid.isEmpty()) {
      return true;
    }
    try {
      return Jid.of(authzid).equals(Jid.of(preparedUsername, domain, null));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
