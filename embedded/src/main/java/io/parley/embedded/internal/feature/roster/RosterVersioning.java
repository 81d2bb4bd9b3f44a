package io.parley.embedded.internal.feature.roster;

import io.parley.embedded.internal.stream.BoundStreamFeature;
import io.parley.spi.stanza.Element;
import javax.inject.Inject;

/** Announces roster versioning after authentication (XEP-0237 §3, RFC 6121 §2.6.1). */
final class RosterVersioning implements BoundStreamFeature {
  @Inject
  RosterVersioning() {}

  @Override
  public Element advertisement() {
    return Element.of("ver", RosterQuery.VERSIONING_NAMESPACE);
  }
}
