package io.parley.embedded.internal.feature.register;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.List;

/** XEP-0077 names and the parts of a {@code jabber:iq:register} query Parley reads. */
final class Register {
  static final String NAMESPACE = "jabber:iq:register";
  static final String ELEMENT = "query";
  /** XEP-0077 §8: the stream feature. */
  static final String FEATURE_NAMESPACE = "http://jabber.org/features/iq-register";

  private Register() {}

  /** The child's text, or null when the child is absent or has no character data. */
  static String field(Element query, String name) {
    String text = query.childText(name, NAMESPACE);
    return text == null || text.isEmpty() ? null : text;
  }

  static boolean hasRemove(Element query) {
    return query.child("remove", NAMESPACE) != null;
  }

  static Element.Builder query() {
    return Element.builder(ELEMENT, NAMESPACE);
  }

  /**
   * An error reply carrying both the condition and, as XEP-0077 §9 requires of servers, the
   * legacy HTTP-style {@code code} (mapped as in XEP-0086).
   */
  static Iq error(Iq request, Condition condition, String text) {
    Element error = StanzaError.of(condition, text).toElement(Stanza.CLIENT_NAMESPACE)
        .withAttribute("code", Integer.toString(legacyCode(condition)));
    return new Iq(request.from(), request.to(), request.id(), Iq.Type.ERROR, null,
        List.of(error));
  }

  static int legacyCode(Condition condition) {
    return switch (condition) {
      case BAD_REQUEST, JID_MALFORMED, UNEXPECTED_REQUEST -> 400;
      case NOT_AUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_ALLOWED -> 405;
      case NOT_ACCEPTABLE -> 406;
      case REGISTRATION_REQUIRED -> 407;
      case CONFLICT -> 409;
      case SERVICE_UNAVAILABLE -> 503;
      default -> 500;
    };
  }
}
