package io.parley.embedded.internal.feature.ping;

/** XEP-0199 payload names. */
final class Ping {
  static final String NAMESPACE = "urn:xmpp:ping";
  static final String ELEMENT = "ping";

  private Ping() {}
}
