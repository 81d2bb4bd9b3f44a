package io.parley.embedded.internal.feature.offline;

/** Names from XEP-0160 and the specifications it leans on. */
final class Offline {
  /** The XEP-0160 service discovery feature. */
  static final String FEATURE = "msgoffline";
  /** XEP-0203 Delayed Delivery. */
  static final String DELAY = "urn:xmpp:delay";
  /** XEP-0334 Message Processing Hints. */
  static final String HINTS = "urn:xmpp:hints";
  /** XEP-0085 Chat State Notifications. */
  static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";

  private Offline() {}
}
