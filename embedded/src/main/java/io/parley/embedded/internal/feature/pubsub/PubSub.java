package io.parley.embedded.internal.feature.pubsub;

import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;

/** XEP-0060 namespaces and the error shapes of its §§6–8 (a stanza error plus a pub-sub one). */
final class PubSub {
  static final String NAMESPACE = "http://jabber.org/protocol/pubsub";
  static final String OWNER = NAMESPACE + "#owner";
  static final String EVENT = NAMESPACE + "#event";
  static final String ERRORS = NAMESPACE + "#errors";
  static final String NODE_CONFIG = NAMESPACE + "#node_config";
  static final String SUBSCRIBE_OPTIONS = NAMESPACE + "#subscribe_options";
  static final String PUBLISH_OPTIONS = NAMESPACE + "#publish-options";
  static final String SUBSCRIBE_AUTHORIZATION = NAMESPACE + "#subscribe_authorization";
  static final String META_DATA = NAMESPACE + "#meta-data";
  static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
  static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
  static final String SHIM = "http://jabber.org/protocol/shim";
  static final String COMMANDS = "http://jabber.org/protocol/commands";
  static final String GET_PENDING = NAMESPACE + "#get-pending";

  private PubSub() {}

  static StanzaErrorException error(Condition condition) {
    return new StanzaErrorException(condition);
  }

  /** A stanza error with the XEP-0060 application condition, e.g. {@code <invalid-jid/>}. */
  static StanzaErrorException error(Condition condition, String pubsubCondition) {
    return new StanzaErrorException(new StanzaError(condition.defaultType(), condition, null,
        Element.of(pubsubCondition, ERRORS)));
  }

  /** As {@link #error(Condition, String)} with another error type than the condition's default. */
  static StanzaErrorException error(StanzaError.Type type, Condition condition,
      String pubsubCondition) {
    return new StanzaErrorException(new StanzaError(type, condition, null,
        Element.of(pubsubCondition, ERRORS)));
  }

  /**
   * An owner's multiple modification (§8.8.2, §8.9.2.5) of which some entries failed: the error
   * reply carries {@code payload}, the failed entries with their unaltered state; the other
   * entries were applied.
   */
  static final class PartialFailure extends RuntimeException {
    private final transient StanzaError error;
    private final transient Element payload;

    PartialFailure(StanzaError error, Element payload) {
      super(error.condition().wireName(), null, false, false);
      this.error = error;
      this.payload = payload;
    }

    StanzaError error() {
      return error;
    }

    Element payload() {
      return payload;
    }
  }

  /** {@code <unsupported feature='…'/>} with {@code feature-not-implemented} (§§5–8). */
  static StanzaErrorException unsupported(String feature) {
    return new StanzaErrorException(new StanzaError(
        Condition.FEATURE_NOT_IMPLEMENTED.defaultType(), Condition.FEATURE_NOT_IMPLEMENTED, null,
        Element.builder("unsupported", ERRORS).attribute("feature", feature).build()));
  }
}
