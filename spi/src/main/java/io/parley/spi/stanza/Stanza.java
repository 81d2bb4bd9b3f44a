package io.parley.spi.stanza;

import java.util.List;

/**
 * An XMPP stanza (RFC 6120 §8): an immutable message, presence or IQ. The envelope attributes are
 * typed fields; the children are kept as opaque immutable elements, so routing never loses a
 * payload it does not understand. Derive new stanzas with the {@code with…} methods.
 */
public sealed interface Stanza permits Message, Presence, Iq {
  /** The content namespace of client streams (RFC 6120 §4.8.3). */
  String CLIENT_NAMESPACE = "jabber:client";

  /** The recipient, or null when the stanza is addressed to the sender's own account. */
  Jid to();

  /** The sender, or null before the server stamps it. */
  Jid from();

  /** The id, or null. */
  String id();

  /** The {@code xml:lang} of the stanza, or null. */
  String lang();

  /** The child elements, in order. */
  List<Element> children();

  /** {@code message}, {@code presence} or {@code iq}. */
  String elementName();

  /** The {@code type} attribute as written on the wire, or null when it is absent. */
  String typeName();

  Stanza withTo(Jid to);

  Stanza withFrom(Jid from);

  /** A copy with both addresses replaced. */
  Stanza withAddresses(Jid to, Jid from);

  /**
   * The error reply RFC 6120 §8.3.1 describes: same name and id, type {@code error}, addresses
   * swapped, the original payload dropped, and the error element added.
   */
  Stanza errorReply(StanzaError error);

  /** The {@code <error/>} of an error stanza, or null. */
  default StanzaError error() {
    for (Element child : children()) {
      if (child.name().equals("error") && child.namespace().equals(CLIENT_NAMESPACE)) {
        return StanzaError.fromElement(child);
      }
    }
    return null;
  }

  /** The first child in the given namespace, or null. */
  default Element child(String name, String namespace) {
    for (Element child : children()) {
      if (child.name().equals(name) && child.namespace().equals(namespace)) {
        return child;
      }
    }
    return null;
  }

  /** This stanza as a jabber:client element. */
  default Element toElement() {
    Element.Builder b = Element.builder(elementName(), CLIENT_NAMESPACE);
    if (to() != null) {
      b.attribute("to", to().toString());
    }
    if (from() != null) {
      b.attribute("from", from().toString());
    }
    b.attribute("id", id());
    b.attribute("type", typeName());
    b.attribute("xml:lang", lang());
    return b.children(children()).build();
  }

  /**
   * Reads a stanza from a jabber:client element.
   *
   * @throws StanzaFormatException with the condition RFC 6120 prescribes (for example
   *     {@code jid-malformed} for a bad address, {@code bad-request} for a bad type)
   */
  static Stanza fromElement(Element element) {
    return StanzaReader.read(element);
  }
}
