package io.parley.embedded.internal.stream;

import io.parley.spi.stanza.Element;

/**
 * A stream feature a feature package advertises after authentication, beside resource binding
 * (e.g. the legacy session element); the stream layer lists them without knowing them.
 */
public interface BoundStreamFeature {
  Element advertisement();
}
