package io.parley.spi.stanza;

import java.util.Objects;

/** Character data inside an element, unescaped. */
public record Text(String value) implements Node {
  public Text {
    Objects.requireNonNull(value, "value");
    XmlChars.check(value);
  }
}
