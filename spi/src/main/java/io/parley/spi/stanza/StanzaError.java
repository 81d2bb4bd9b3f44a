package io.parley.spi.stanza;

import java.util.Locale;
import java.util.Objects;

/**
 * A stanza error (RFC 6120 §8.3): a type, a defined condition, optional human-readable text and an
 * optional application-specific condition element.
 */
public record StanzaError(Type type, Condition condition, String text, Element applicationCondition) {
  public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";

  public StanzaError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(condition, "condition");
  }

  /** The condition with the type RFC 6120 §8.3.3 gives it. */
  public static StanzaError of(Condition condition) {
    return new StanzaError(condition.defaultType(), condition, null, null);
  }

  public static StanzaError of(Condition condition, String text) {
    return new StanzaError(condition.defaultType(), condition, text, null);
  }

  /** The {@code <error/>} child in the given stanza namespace (jabber:client for c2s). */
  public Element toElement(String stanzaNamespace) {
    Element.Builder b = Element.builder("error", stanzaNamespace)
        .attribute("type", type.wireName())
        .child(Element.of(condition.wireName(), NAMESPACE));
    if (text != null) {
      b.child(Element.builder("text", NAMESPACE).text(text).build());
    }
    if (applicationCondition != null) {
      b.child(applicationCondition);
    }
    return b.build();
  }

  /** Reads an {@code <error/>} element; unknown conditions become {@code undefined-condition}. */
  public static StanzaError fromElement(Element error) {
    Type type = Type.fromWire(error.attribute("type"));
    Condition condition = Condition.UNDEFINED_CONDITION;
    String text = null;
    Element app = null;
    for (Element child : error.elements()) {
      if (NAMESPACE.equals(child.namespace())) {
        if ("text".equals(child.name())) {
          text = child.text();
        } else {
          Condition c = Condition.fromWire(child.name());
          if (c != null) {
            condition = c;
          }
        }
      } else if (app == null) {
        app = child;
      }
    }
    return new StanzaError(type == null ? condition.defaultType() : type, condition, text, app);
  }

  /** The error types of RFC 6120 §8.3.2. */
  public enum Type {
    AUTH, CANCEL, CONTINUE, MODIFY, WAIT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Type fromWire(String s) {
      for (Type t : values()) {
        if (t.wireName().equals(s)) {
          return t;
        }
      }
      return null;
    }
  }

  /** The defined conditions of RFC 6120 §8.3.3, each with its usual type. */
  public enum Condition {
    BAD_REQUEST(Type.MODIFY),
    CONFLICT(Type.CANCEL),
    FEATURE_NOT_IMPLEMENTED(Type.CANCEL),
    FORBIDDEN(Type.AUTH),
    GONE(Type.CANCEL),
    INTERNAL_SERVER_ERROR(Type.CANCEL),
    ITEM_NOT_FOUND(Type.CANCEL),
    JID_MALFORMED(Type.MODIFY),
    NOT_ACCEPTABLE(Type.MODIFY),
    NOT_ALLOWED(Type.CANCEL),
    NOT_AUTHORIZED(Type.AUTH),
    POLICY_VIOLATION(Type.MODIFY),
    RECIPIENT_UNAVAILABLE(Type.WAIT),
    REDIRECT(Type.MODIFY),
    REGISTRATION_REQUIRED(Type.AUTH),
    REMOTE_SERVER_NOT_FOUND(Type.CANCEL),
    REMOTE_SERVER_TIMEOUT(Type.WAIT),
    RESOURCE_CONSTRAINT(Type.WAIT),
    SERVICE_UNAVAILABLE(Type.CANCEL),
    SUBSCRIPTION_REQUIRED(Type.AUTH),
    UNDEFINED_CONDITION(Type.CANCEL),
    UNEXPECTED_REQUEST(Type.WAIT);

    private final Type defaultType;
    private final String wireName;

    Condition(Type defaultType) {
      this.defaultType = defaultType;
      this.wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Type defaultType() {
      return defaultType;
    }

    public String wireName() {
      return wireName;
    }

    public static Condition fromWire(String s) {
      for (Condition c : values()) {
        if (c.wireName.equals(s)) {
          return c;
        }
      }
      return null;
    }
  }
}
