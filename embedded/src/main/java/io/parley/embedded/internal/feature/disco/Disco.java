package io.parley.embedded.internal.feature.disco;

import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.StanzaError;

/** XEP-0030 namespaces and the request rules both queries share. */
final class Disco {
  static final String INFO = "http://jabber.org/protocol/disco#info";
  static final String ITEMS = "http://jabber.org/protocol/disco#items";

  private Disco() {}

  /**
   * The error for a query this server cannot answer, or null: only get is defined, and no nodes
   * are published yet (XEP-0030 §3.2).
   */
  static StanzaErrorException refusal(Iq request) {
    if (request.type() != Iq.Type.GET) {
      return new StanzaErrorException(StanzaError.Condition.BAD_REQUEST);
    }
    if (request.payload().attribute("node") != null) {
      return new StanzaErrorException(StanzaError.Condition.ITEM_NOT_FOUND);
    }
    return null;
  }
}
