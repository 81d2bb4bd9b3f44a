package io.parley.embedded.internal.feature.roster;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** The {@code jabber:iq:roster} payload (RFC 6121 §2.1) and the XEP-0237 stream feature. */
final class RosterQuery {
  static final String NAMESPACE = "jabber:iq:roster";
  static final String ELEMENT = "query";
  static final String VERSIONING_NAMESPACE = "urn:xmpp:features:rosterver";

  private RosterQuery() {}

  /** {@code <query ver='…'>} with the given items; a null version is left out. */
  static Element query(String ver, Collection<Element> items) {
    return Element.builder(ELEMENT, NAMESPACE).attribute("ver", ver).children(List.copyOf(items))
        .build();
  }

  /**
   * One item as RFC 6121 §2.1.2 writes it: jid, name, subscription, ask='subscribe' while the
   * user's request is pending, approved='true' for a pre-approval, and the groups (sorted, so
   * that equal items serialise equally).
   */
  static Element item(RosterItem item) {
    Element.Builder b = Element.builder("item", NAMESPACE)
        .attribute("jid", item.jid().toString())
        .attribute("name", item.name())
        .attribute("subscription", item.subscription().wireName());
    if (item.askSubscribe()) {
      b.attribute("ask", "subscribe");
    }
    if (item.approved()) {
      b.attribute("approved", "true");
    }
    for (String group : new TreeSet<>(item.groups())) {
      b.textChild("group", group);
    }
    return b.build();
  }

  /** The item of a removal push (RFC 6121 §2.5.2): subscription='remove'. */
  static Element removed(Jid contact) {
    return Element.builder("item", NAMESPACE)
        .attribute("jid", contact.toString())
        .attribute("subscription", "remove")
        .build();
  }
}
