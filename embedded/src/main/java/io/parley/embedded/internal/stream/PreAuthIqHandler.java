package io.parley.embedded.internal.stream;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import java.util.concurrent.CompletionStage;

/**
 * An IQ namespace served before authentication (XEP-0077 in-band registration): the stream layer
 * hands it such requests and advertises its stream feature beside the SASL mechanisms.
 */
public interface PreAuthIqHandler {
  /** The payload namespace handled, e.g. {@code jabber:iq:register}. */
  String namespace();

  /** The stream feature to advertise before authentication, or null for none now. */
  Element streamFeature(boolean secure);

  /**
   * Handles a get or set before authentication. The request has no {@code from}; the reply's
   * addresses are ignored. May complete on any thread.
   */
  CompletionStage<Iq> handle(Iq request, boolean secure);
}
