package io.parley.spi.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElementTest {
  @Test
  void attributesKeepDocumentOrderAndASetReplacesInPlace() {
    Element e = Element.builder("x", "urn:t")
        .attribute("a", "1").attribute("b", "2").attribute("c", "3").attribute("a", "4")
        .build();
    assertEquals(Map.of("a", "4", "b", "2", "c", "3"), e.attributes());
    assertEquals(List.of("a", "b", "c"), List.copyOf(e.attributes().keySet()));
  }

  @Test
  void aNullValueRemovesTheAttributeAndKeepsTheOthersInOrder() {
    Element e = Element.builder("x", "urn:t")
        .attribute("a", "1").attribute("b", "2").attribute("c", "3").attribute("d", "4")
        .attribute("e", "5").attribute("b", null).attribute("missing", null)
        .build();
    assertEquals(List.of("a", "c", "d", "e"), List.copyOf(e.attributes().keySet()));
    assertNull(e.attribute("b"));
    assertEquals("5", e.attribute("e"));
  }

  @Test
  void anElementIsNotChangedByItsBuilderOrByItsCopysBuilder() {
    Element.Builder b = Element.builder("x", "urn:t").attribute("a", "1").text("hi");
    Element first = b.build();
    b.attribute("a", "2").attribute("b", "3").child(Element.of("y", "urn:t"));
    Element second = b.build();
    Element third = first.toBuilder().attribute("a", null).child(Element.of("z", "urn:t"))
        .build();

    assertEquals(Map.of("a", "1"), first.attributes());
    assertEquals(1, first.children().size());
    assertEquals(Map.of("a", "2", "b", "3"), second.attributes());
    assertEquals(2, second.children().size());
    assertEquals(Map.of(), third.attributes());
    assertEquals(2, third.children().size());
    assertEquals("hi", third.text());
  }

  @Test
  void anEmptyBuilderBuildsAnEmptyElement() {
    Element e = Element.builder("x", "urn:t").build();
    assertEquals(0, e.attributeCount());
    assertEquals(List.of(), e.children());
  }
}
