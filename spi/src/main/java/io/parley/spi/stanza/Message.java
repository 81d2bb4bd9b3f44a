package io.parley.spi.stanza;

import java.util.List;
import java.util.Locale;

/** A message stanza (RFC 6121 §5). */
public record Message(Jid to, Jid from, String id, Type type, String lang, List<Element> children)
    implements Stanza {

  public Message {
    type = type == null ? Type.NORMAL : type;
    children = List.copyOf(children);
  }

  /** A chat message with a body, for host code. */
  public static Message chat(Jid to, String body) {
    return new Message(to, null, null, Type.CHAT, null,
        List.of(Element.builder("body", CLIENT_NAMESPACE).text(body).build()));
  }

  /** The text of the first {@code <body/>}, or null. */
  public String body() {
    for (Element child : children) {
      if (child.name().equals("body") && child.namespace().equals(CLIENT_NAMESPACE)) {
        return child.text();
      }
    }
    return null;
  }

  public Message withId(String newId) {
    return new Message(to, from, newId, type, lang, children);
  }

  @Override
  public String elementName() {
    return "message";
  }

  @Override
  public String typeName() {
    return type == Type.NORMAL ? null : type.wireName();
  }

  @Override
  public Message withTo(Jid newTo) {
    return new Message(newTo, from, id, type, lang, children);
  }

  @Override
  public Message withFrom(Jid newFrom) {
    return new Message(to, newFrom, id, type, lang, children);
  }

  @Override
  public Message withAddresses(Jid newTo, Jid newFrom) {
    return new Message(newTo, newFrom, id, type, lang, children);
  }

  @Override
  public Message errorReply(StanzaError error) {
    return new Message(from, to, id, Type.ERROR, lang,
        List.of(error.toElement(CLIENT_NAMESPACE)));
  }

  /** Message types (RFC 6121 §5.2.2); an absent or unknown type is {@code normal}. */
  public enum Type {
    NORMAL, CHAT, GROUPCHAT, HEADLINE, ERROR;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Type fromWire(String s) {
      if (s == null) {
        return NORMAL;
      }
      switch (s) {
        case "chat": return CHAT;
        case "groupchat": return GROUPCHAT;
        case "headline": return HEADLINE;
        case "error": return ERROR;
        // COMPAT: RFC 6121 §5.2.2 has unknown types treated as normal, as Prosody and ejabberd do.
        default: return NORMAL;
      }
    }
  }
}
