package io.parley.embedded.internal.feature.disco;

/** XEP-0030 namespaces. */
final class Disco {
  static final String INFO = "http://jabber.org/protocol/disco#info";
  static final String ITEMS = "http://jabber.org/protocol/disco#items";

  private Disco() {}
}
