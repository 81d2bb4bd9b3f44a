package io.parley.embedded.internal.feature.carbons;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import java.util.List;

/** XEP-0280 names, the eligibility rules of §6.1 and the carbon wrapper of §7 and §8. */
final class Carbons {
  static final String NAMESPACE = "urn:xmpp:carbons:2";
  static final String FORWARD = "urn:xmpp:forward:0";
  static final String HINTS = "urn:xmpp:hints";
  static final String ENABLE = "enable";
  static final String DISABLE = "disable";
  static final String SENT = "sent";
  static final String RECEIVED = "received";

  private static final String MUC_USER = "http://jabber.org/protocol/muc#user";
  private static final String DIRECT_INVITE = "jabber:x:conference";
  // Payloads XEP-0280 §6.1 names as typically used in IM: receipts, chat states, markers.
  private static final List<String> IM_PAYLOADS = List.of(
      "urn:xmpp:receipts", "http://jabber.org/protocol/chatstates", "urn:xmpp:chat-markers:0");

  private Carbons() {}

  /**
   * Whether a message is copied (XEP-0280 §6.1, §9).
   *
   * @param sent true for a message a local user sends, false for one a local user receives
   */
  static boolean eligible(Message m, boolean sent) {
    if (m.type() == Message.Type.GROUPCHAT || m.type() == Message.Type.ERROR
        || m.type() == Message.Type.HEADLINE) {
      // Errors would need tracking which message they answer (§6.1); headlines are not IM.
      return false;
    }
    boolean im = m.type() == Message.Type.CHAT
        || (m.type() == Message.Type.NORMAL && m.body() != null);
    for (Element child : m.children()) {
      String ns = child.namespace();
      if (ns.equals(NAMESPACE)) {
        // <private/> (§9), or already a carbon: copying a copy would loop.
        return false;
      }
      if (ns.equals(HINTS) && child.name().equals("no-copy")) {
        return false;
      }
      if (ns.equals(MUC_USER)) {
        // A mediated invitation is copied; a private message from a MUC occupant is not (the
        // room already sends it to every joined client); one to an occupant is.
        if (child.child("invite", MUC_USER) != null) {
          im = true;
        } else if (!sent) {
          return false;
        }
      }
      if (ns.equals(DIRECT_INVITE) || IM_PAYLOADS.contains(ns)) {
        im = true;
      }
    }
    return im;
  }

  /**
   * The copy: {@code <message from='user' to='resource' type='…'><sent|received
   * xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>original</forwarded>…}.
   */
  static Message carbon(Message original, String direction, Jid user, Jid resource) {
    Element wrapper = Element.builder(direction, NAMESPACE)
        .child(Element.builder("forwarded", FORWARD).child(original.toElement()).build())
        .build();
    return new Message(resource, user, null, original.type(), null, List.of(wrapper));
  }
}
