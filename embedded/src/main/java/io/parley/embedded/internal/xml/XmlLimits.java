package io.parley.embedded.internal.xml;

/**
 * Bounds on what one peer may make the parser hold.
 *
 * @param maxStanzaBytes the most bytes one top-level element (stanza, SASL or TLS element) may
 *     span on the wire; beyond it the stream ends with {@code policy-violation}
 * @param maxDepth the deepest nesting allowed, counting the stream root as depth 1
 */
public record XmlLimits(int maxStanzaBytes, int maxDepth) {
  public static final XmlLimits DEFAULT = new XmlLimits(256 * 1024, 64);

  public XmlLimits {
    if (maxStanzaBytes < 1024) {
      throw new IllegalArgumentException("maxStanzaBytes must be at least 1024");
    }
    if (maxDepth < 3) {
      throw new IllegalArgumentException("maxDepth must be at least 3");
    }
  }
}
