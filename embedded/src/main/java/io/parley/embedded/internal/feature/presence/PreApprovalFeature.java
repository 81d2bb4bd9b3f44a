package io.parley.embedded.internal.feature.presence;

import io.parley.embedded.internal.stream.BoundStreamFeature;
import io.parley.spi.stanza.Element;
import javax.inject.Inject;

/** Advertises subscription pre-approval (RFC 6121 §3.4.1) after authentication. */
final class PreApprovalFeature implements BoundStreamFeature {
  static final String NAMESPACE = "urn:xmpp:features:pre-approval";

  @Inject
  PreApprovalFeature() {}

  @Override
  public Element advertisement() {
    return Element.of("sub", NAMESPACE);
  }
}
