package io.parley.embedded.internal.stream;

import io.parley.embedded.internal.xml.SerializedElement;
import io.parley.spi.stanza.Element;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The stream features, serialized once for each combination of what they depend on in a stream:
 * authenticated or not, encrypted or not, STARTTLS possible or not. Everything else they list
 * (SASL mechanisms, registration, bound features) is fixed when the server is built.
 */
final class FeatureSets {
  private final AtomicReferenceArray<SerializedElement> sets = new AtomicReferenceArray<>(8);

  /** The features for such a stream; {@code build} makes them the first time. */
  SerializedElement get(boolean authenticated, boolean secure, boolean canStartTls,
      Supplier<Element> build) {
    int key = (authenticated ? 4 : 0) | (secure ? 2 : 0) | (canStartTls ? 1 : 0);
    SerializedElement features = sets.get(key);
    if (features == null) {
      // Two streams may both build them at first; they build the same.
      features = new SerializedElement(build.get());
      sets.set(key, features);
    }
    return features;
  }
}
