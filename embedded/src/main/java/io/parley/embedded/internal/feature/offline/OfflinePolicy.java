package io.parley.embedded.internal.feature.offline;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;

/** Which messages for an offline user are kept (XEP-0160 §3, XEP-0334 §4). */
enum OfflinePolicy {
  /** Store for delivery at the next non-negative initial presence. */
  STORE,
  /** Nothing worth keeping and nothing to report: discard silently. */
  DROP,
  /** Not stored: the sender gets {@code service-unavailable} (RFC 6121 §8.5.2.2.1). */
  REFUSE;

  static OfflinePolicy of(Message message) {
    if (message.type() != Message.Type.NORMAL && message.type() != Message.Type.CHAT) {
      // XEP-0160 §3: groupchat, headline and error are not stored (the router never passes them).
      return REFUSE;
    }
    // XEP-0334 §4: the sender's explicit hints decide before our own heuristics.
    if (message.child("store", Offline.HINTS) != null) {
      return STORE;
    }
    if (message.child("no-store", Offline.HINTS) != null) {
      return REFUSE;
    }
    // no-permanent-store allows the temporary storage offline delivery is (XEP-0334 §4.1).
    return hasContent(message) ? STORE : DROP;
  }

  /**
   * Whether the message carries anything but chat states, hints and a thread: XEP-0160 §3 keeps
   * chat-state-only messages out of storage, and an empty message has nothing to deliver.
   */
  private static boolean hasContent(Message message) {
    for (Element child : message.children()) {
      String ns = child.namespace();
      boolean thread = child.name().equals("thread") && ns.equals(Stanza.CLIENT_NAMESPACE);
      if (!thread && !ns.equals(Offline.CHAT_STATES) && !ns.equals(Offline.HINTS)) {
        return true;
      }
    }
    return false;
  }
}
