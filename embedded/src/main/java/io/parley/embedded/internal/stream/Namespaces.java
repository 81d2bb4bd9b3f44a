package io.parley.embedded.internal.stream;

/** The stream negotiation namespaces of RFC 6120. */
final class Namespaces {
  static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
  static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
  static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";

  private Namespaces() {}
}
