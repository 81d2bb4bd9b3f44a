package io.parley.spi.stanza;

import java.util.List;
import java.util.Locale;

/** A presence stanza (RFC 6121 §4). */
public record Presence(Jid to, Jid from, String id, Type type, String lang, List<Element> children)
    implements Stanza {

  public Presence {
    type = type == null ? Type.AVAILABLE : type;
    children = List.copyOf(children);
  }

  /** The {@code <show/>} value, or null for plain available. */
  public String show() {
    Element show = child("show", CLIENT_NAMESPACE);
    return show == null ? null : show.text().trim();
  }

  /** The first {@code <status/>} text, or null. */
  public String status() {
    Element status = child("status", CLIENT_NAMESPACE);
    return status == null ? null : status.text();
  }

  /** The priority (RFC 6121 §4.7.2.3): an integer from -128 to 127, 0 when absent. */
  public int priority() {
    Element priority = child("priority", CLIENT_NAMESPACE);
    if (priority == null) {
      return 0;
    }
    try {
      int p = Integer.parseInt(priority.text().trim());
      return Math.max(-128, Math.min(127, p));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public String elementName() {
    return "presence";
  }

  @Override
  public String typeName() {
    return type == Type.AVAILABLE ? null : type.wireName();
  }

  @Override
  public Presence withTo(Jid newTo) {
    return new Presence(newTo, from, id, type, lang, children);
  }

  @Override
  public Presence withFrom(Jid newFrom) {
    return new Presence(to, newFrom, id, type, lang, children);
  }

  @Override
  public Presence withAddresses(Jid newTo, Jid newFrom) {
    return new Presence(newTo, newFrom, id, type, lang, children);
  }

  @Override
  public Presence errorReply(StanzaError error) {
    return new Presence(from, to, id, Type.ERROR, lang,
        List.of(error.toElement(CLIENT_NAMESPACE)));
  }

  /** Presence types (RFC 6121 §4.7.1); no {@code type} attribute means available. */
  public enum Type {
    AVAILABLE, UNAVAILABLE, SUBSCRIBE, SUBSCRIBED, UNSUBSCRIBE, UNSUBSCRIBED, PROBE, ERROR;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Null for a value RFC 6121 does not define. */
    static Type fromWire(String s) {
      if (s == null) {
        return AVAILABLE;
      }
      for (Type t : values()) {
        if (t != AVAILABLE && t.wireName().equals(s)) {
          return t;
        }
      }
      return null;
    }
  }
}
