package io.parley.spi.stanza;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable XML element: a namespace-qualified name, attributes and children.
 *
 * <p>Attribute names are local names for unqualified attributes, {@code xml:lang} for the XML
 * language attribute, and Clark notation ({@code {namespace}local}) for other qualified ones.
 * Namespace prefixes are not kept: a serializer chooses them.
 */
public final class Element implements Node {
  /** Namespace of the {@code xml:} prefix, fixed by the XML Namespaces spec. */
  public static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

  private final String name;
  private final String namespace;
  private final String[] attributes; // name, value, name, value...
  private final List<Node> children;

  private Element(String name, String namespace, String[] attributes, List<Node> children) {
    this.name = name;
    this.namespace = namespace;
    this.attributes = attributes;
    this.children = children;
  }

  /** An empty element with no attributes. */
  public static Element of(String name, String namespace) {
    return new Element(checkName(name), Objects.requireNonNull(namespace, "namespace"),
        NO_ATTRIBUTES, List.of());
  }

  public static Builder builder(String name, String namespace) {
    return new Builder(name, namespace);
  }

  public String name() {
    return name;
  }

  /** The namespace URI; the empty string for no namespace. */
  public String namespace() {
    return namespace;
  }

  /** The attribute's value, or null. */
  public String attribute(String attributeName) {
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i].equals(attributeName)) {
        return attributes[i + 1];
      }
    }
    return null;
  }

  /** The attributes in document order. */
  public Map<String, String> attributes() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < attributes.length; i += 2) {
      map.put(attributes[i], attributes[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  public int attributeCount() {
    return attributes.length / 2;
  }

  public String attributeName(int index) {
    return attributes[index * 2];
  }

  public String attributeValue(int index) {
    return attributes[index * 2 + 1];
  }

  public List<Node> children() {
    return children;
  }

  /** The child elements, skipping text. */
  public List<Element> elements() {
    List<Element> elements = new ArrayList<>(children.size());
    for (Node n : children) {
      if (n instanceof Element e) {
        elements.add(e);
      }
    }
    return elements;
  }

  /** The first child element with this name and namespace, or null. */
  public Element child(String childName, String childNamespace) {
    for (Node n : children) {
      if (n instanceof Element e && e.name.equals(childName) && e.namespace.equals(childNamespace)) {
        return e;
      }
    }
    return null;
  }

  /** The first child element in this namespace, or null. */
  public Element child(String childNamespace) {
    for (Node n : children) {
      if (n instanceof Element e && e.namespace.equals(childNamespace)) {
        return e;
      }
    }
    return null;
  }

  /** The text of the first matching child element, or null. */
  public String childText(String childName, String childNamespace) {
    Element child = child(childName, childNamespace);
    return child == null ? null : child.text();
  }

  /** The concatenated character data directly inside this element. */
  public String text() {
    if (children.size() == 1 && children.get(0) instanceof Text t) {
      return t.value();
    }
    StringBuilder sb = new StringBuilder();
    for (Node n : children) {
      if (n instanceof Text t) {
        sb.append(t.value());
      }
    }
    return sb.toString();
  }

  /** A copy with the attribute set, replaced, or (for a null value) removed. */
  public Element withAttribute(String attributeName, String value) {
    Builder b = toBuilder();
    b.attribute(attributeName, value);
    return b.build();
  }

  /** A copy with other children. */
  public Element withChildren(List<? extends Node> newChildren) {
    return new Element(name, namespace, attributes, List.copyOf(newChildren));
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, namespace);
    // Already checked and unique: copied as they are.
    b.attributes = attributes.length == 0 ? NO_ATTRIBUTES : attributes.clone();
    b.attributeSlots = attributes.length;
    if (!children.isEmpty()) {
      b.children = new ArrayList<>(children);
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Element e && name.equals(e.name) && namespace.equals(e.namespace)
        && attributes().equals(e.attributes()) && children.equals(e.children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, namespace, children);
  }

  /** A readable, unescaped rendering for logs and assertions; not XML. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append('<').append(name).append(" xmlns='").append(namespace).append('\'');
    for (int i = 0; i < attributes.length; i += 2) {
      sb.append(' ').append(attributes[i]).append("='").append(attributes[i + 1]).append('\'');
    }
    if (children.isEmpty()) {
      return sb.append("/>").toString();
    }
    sb.append('>');
    for (Node n : children) {
      sb.append(n instanceof Text t ? t.value() : n.toString());
    }
    return sb.append("</").append(name).append('>').toString();
  }

  private static final String[] NO_ATTRIBUTES = new String[0];

  private static String checkName(String name) {
    if (Objects.requireNonNull(name, "name").isEmpty()) {
      throw new IllegalArgumentException("empty element name");
    }
    return name;
  }

  /** Builds an element; not thread-safe, reusable only until {@link #build()}. */
  public static final class Builder {
    private final String name;
    private final String namespace;
    // Made on first use, sized for the common case: most elements a server builds have a few
    // attributes and children or none, and a builder lives for microseconds.
    private String[] attributes = NO_ATTRIBUTES; // name, value, name, value...
    private int attributeSlots;
    private List<Node> children;

    private Builder(String name, String namespace) {
      this.name = checkName(name);
      this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /** Sets an attribute; a null value removes it. */
    public Builder attribute(String attributeName, String value) {
      checkName(attributeName);
      for (int i = 0; i < attributeSlots; i += 2) {
        if (attributes[i].equals(attributeName)) {
          if (value == null) {
            System.arraycopy(attributes, i + 2, attributes, i, attributeSlots - i - 2);
            attributeSlots -= 2;
            attributes[attributeSlots] = null;
            attributes[attributeSlots + 1] = null;
          } else {
            attributes[i + 1] = XmlChars.check(value);
          }
          return this;
        }
      }
      if (value != null) {
        if (attributeSlots == attributes.length) {
          attributes = Arrays.copyOf(attributes, Math.max(4, attributes.length * 2));
        }
        attributes[attributeSlots++] = attributeName;
        attributes[attributeSlots++] = XmlChars.check(value);
      }
      return this;
    }

    public Builder child(Node child) {
      Objects.requireNonNull(child, "child");
      if (children == null) {
        children = new ArrayList<>(4);
      }
      children.add(child);
      return this;
    }

    public Builder children(List<? extends Node> more) {
      for (Node n : more) {
        child(n);
      }
      return this;
    }

    /** Adds character data. */
    public Builder text(String text) {
      return child(new Text(text));
    }

    /** Adds a child element {@code <name>text</name>} in this element's namespace. */
    public Builder textChild(String childName, String text) {
      return child(Element.builder(childName, namespace).text(text).build());
    }

    public Element build() {
      return new Element(name, namespace,
          attributeSlots == 0 ? NO_ATTRIBUTES : Arrays.copyOf(attributes, attributeSlots),
          children == null ? List.of() : List.copyOf(children));
    }
  }
}
