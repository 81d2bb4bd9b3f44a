package io.parley.embedded.internal.feature.blocking;

import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.InvalidJidException;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** XEP-0191 names, the item syntax and the JID matching rules (§4). */
final class Blocking {
  static final String NAMESPACE = "urn:xmpp:blocking";
  static final String ERRORS = "urn:xmpp:blocking:errors";
  static final String BLOCKLIST = "blocklist";
  static final String BLOCK = "block";
  static final String UNBLOCK = "unblock";
  static final String ITEM = "item";

  private Blocking() {}

  /**
   * The JIDs of the {@code <item/>} children, in order and without duplicates.
   *
   * @throws StanzaErrorException {@code bad-request} for an item without a {@code jid},
   *     {@code jid-malformed} for an invalid one
   */
  static Set<Jid> items(Element command) {
    Set<Jid> jids = new LinkedHashSet<>();
    for (Element child : command.elements()) {
      if (!child.name().equals(ITEM) || !child.namespace().equals(NAMESPACE)) {
        continue; // unknown children are extensions, not errors
      }
      String jid = child.attribute("jid");
      if (jid == null) {
        // The schema makes 'jid' required.
        throw new StanzaErrorException(
            StanzaError.of(StanzaError.Condition.BAD_REQUEST, "item without jid"));
      }
      try {
        jids.add(Jid.of(jid));
      } catch (InvalidJidException e) {
        throw new StanzaErrorException(
            StanzaError.of(StanzaError.Condition.JID_MALFORMED, e.getMessage()));
      }
    }
    return jids;
  }

  /** {@code <name xmlns='urn:xmpp:blocking'><item jid='…'/>…</name>}. */
  static Element command(String name, Collection<Jid> jids) {
    Element.Builder b = Element.builder(name, NAMESPACE);
    for (Jid jid : jids) {
      b.child(Element.builder(ITEM, NAMESPACE).attribute("jid", jid.toString()).build());
    }
    return b.build();
  }

  /** The application condition of XEP-0191 §3.3 for a stanza to a JID the user blocked. */
  static StanzaError blockedError() {
    return new StanzaError(StanzaError.Type.CANCEL, StanzaError.Condition.NOT_ACCEPTABLE, null,
        Element.of("blocked", ERRORS));
  }

  /**
   * Whether {@code jid} matches an item of the list (XEP-0191 §4, as in XEP-0016): a full JID
   * item matches only that resource, a bare one any of its resources, {@code domain/resource}
   * only itself, and a domain the domain, its users and their resources (not subdomains, v1.3).
   */
  static boolean matches(Set<Jid> blocked, Jid jid) {
    if (blocked.isEmpty()) {
      return false;
    }
    return blocked.contains(jid) || blocked.contains(jid.asBare())
        || (!jid.isDomain() && blocked.contains(jid.asDomain()));
  }
}
