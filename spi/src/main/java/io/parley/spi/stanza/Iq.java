package io.parley.spi.stanza;

import java.util.List;
import java.util.Locale;

/** An IQ stanza (RFC 6120 §8.2.3): a request ({@code get}/{@code set}) or its one response. */
public record Iq(Jid to, Jid from, String id, Type type, String lang, List<Element> children)
    implements Stanza {

  public Iq {
    java.util.Objects.requireNonNull(type, "type");
    children = List.copyOf(children);
  }

  public static Iq get(Jid to, String id, Element payload) {
    return new Iq(to, null, id, Type.GET, null, List.of(payload));
  }

  public static Iq set(Jid to, String id, Element payload) {
    return new Iq(to, null, id, Type.SET, null, List.of(payload));
  }

  public boolean isRequest() {
    return type == Type.GET || type == Type.SET;
  }

  /** The request payload: the first child element, or null. */
  public Element payload() {
    return children.isEmpty() ? null : children.get(0);
  }

  /** An empty result to this request, addressed back to its sender. */
  public Iq result() {
    return new Iq(from, to, id, Type.RESULT, null, List.of());
  }

  /** A result carrying one payload element. */
  public Iq result(Element payload) {
    return new Iq(from, to, id, Type.RESULT, null, List.of(payload));
  }

  @Override
  public String elementName() {
    return "iq";
  }

  @Override
  public String typeName() {
    return type.wireName();
  }

  @Override
  public Iq withTo(Jid newTo) {
    return new Iq(newTo, from, id, type, lang, children);
  }

  @Override
  public Iq withFrom(Jid newFrom) {
    return new Iq(to, newFrom, id, type, lang, children);
  }

  @Override
  public Iq withAddresses(Jid newTo, Jid newFrom) {
    return new Iq(newTo, newFrom, id, type, lang, children);
  }

  @Override
  public Iq errorReply(StanzaError error) {
    return new Iq(from, to, id, Type.ERROR, lang, List.of(error.toElement(CLIENT_NAMESPACE)));
  }

  /** IQ types (RFC 6120 §8.2.3). */
  public enum Type {
    GET, SET, RESULT, ERROR;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Type fromWire(String s) {
      if (s == null) {
        return null;
      }
      switch (s) {
        case "get": return GET;
        case "set": return SET;
        case "result": return RESULT;
        case "error": return ERROR;
        default: return null;
      }
    }
  }
}
