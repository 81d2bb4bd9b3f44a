package io.parley.embedded.internal.xml;

import java.util.Map;

/**
 * The opening tag of an XML stream (RFC 6120 §4.7), as read or to be written.
 *
 * @param prefix the root element's prefix (normally {@code stream}), or the empty string
 * @param localName the root element's local name (normally {@code stream})
 * @param namespace the root element's namespace (normally {@code http://etherx.jabber.org/streams})
 * @param defaultNamespace the default namespace declared on the root (normally
 *     {@code jabber:client}), or the empty string if none
 * @param attributes the root's attributes ({@code to}, {@code from}, {@code id}, {@code version},
 *     {@code xml:lang}, ...), excluding namespace declarations
 */
public record StreamHeader(
    String prefix,
    String localName,
    String namespace,
    String defaultNamespace,
    Map<String, String> attributes) {
  /** The namespace of the stream root and of stream-level elements (RFC 6120 §4.8.1). */
  public static final String STREAMS_NAMESPACE = "http://etherx.jabber.org/streams";

  public StreamHeader {
    attributes = Map.copyOf(attributes);
  }

  public String attribute(String name) {
    return attributes.get(name);
  }
}
