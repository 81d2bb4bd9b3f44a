package io.parley.spi.stanza;

import java.util.List;

/** Reads jabber:client elements into typed stanzas, enforcing the envelope rules of RFC 6120 §8. */
final class StanzaReader {
  private StanzaReader() {}

  static Stanza read(Element e) {
    if (!Stanza.CLIENT_NAMESPACE.equals(e.namespace())) {
      throw new StanzaFormatException(StanzaError.Condition.BAD_REQUEST,
          "not a jabber:client stanza: " + e.name(), e);
    }
    Jid to = address(e, "to");
    Jid from = address(e, "from");
    String id = e.attribute("id");
    String lang = e.attribute("xml:lang");
    String type = e.attribute("type");
    List<Element> children = e.elements();
    switch (e.name()) {
      case "message":
        return new Message(to, from, id, Message.Type.fromWire(type), lang, children);
      case "presence": {
        Presence.Type t = Presence.Type.fromWire(type);
        if (t == null) {
          throw new StanzaFormatException(StanzaError.Condition.BAD_REQUEST,
              "unknown presence type: " + type, e);
        }
        return new Presence(to, from, id, t, lang, children);
      }
      case "iq": {
        Iq.Type t = Iq.Type.fromWire(type);
        if (t == null) {
          throw new StanzaFormatException(StanzaError.Condition.BAD_REQUEST,
              "missing or unknown iq type: " + type, e);
        }
        if (id == null) {
          throw new StanzaFormatException(StanzaError.Condition.BAD_REQUEST, "iq without id", e);
        }
        // RFC 6120 §8.2.3: a request has exactly one payload; a result at most one.
        if ((t == Iq.Type.GET || t == Iq.Type.SET) && children.size() != 1) {
          throw new StanzaFormatException(StanzaError.Condition.BAD_REQUEST,
              "iq " + type + " must have exactly one child", e);
        }
        if (t == Iq.Type.RESULT && children.size() > 1) {
          throw new StanzaFormatException(StanzaError.Condition.BAD_REQUEST,
              "iq result with more than one child", e);
        }
        return new Iq(to, from, id, t, lang, children);
      }
      default:
        throw new StanzaFormatException(StanzaError.Condition.BAD_REQUEST,
            "not a stanza: " + e.name(), e);
    }
  }

  private static Jid address(Element e, String attribute) {
    String value = e.attribute(attribute);
    if (value == null) {
      return null;
    }
    try {
      return Jid.of(value);
    } catch (InvalidJidException ex) {
      throw new StanzaFormatException(StanzaError.Condition.JID_MALFORMED, ex.getMessage(), e);
    }
  }
}
