package io.parley.embedded.internal.feature.pubsub;

import io.parley.spi.stanza.Element;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few XEP-0004 data form operations pub-sub needs: read a submitted form, write one. */
final class DataForm {
  static final String NAMESPACE = "jabber:x:data";

  private DataForm() {}

  /** The FORM_TYPE of a form, or null. */
  static String formType(Element x) {
    Map<String, List<String>> values = values(x);
    List<String> type = values.get("FORM_TYPE");
    return type == null || type.isEmpty() ? null : type.get(0);
  }

  /** The field values of a form by var, in order (FORM_TYPE included). */
  static Map<String, List<String>> values(Element x) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Element field : x.elements()) {
      if (!field.name().equals("field") || !field.namespace().equals(NAMESPACE)) {
        continue;
      }
      String var = field.attribute("var");
      if (var == null) {
        continue;
      }
      List<String> vs = new java.util.ArrayList<>();
      for (Element v : field.elements()) {
        if (v.name().equals("value") && v.namespace().equals(NAMESPACE)) {
          vs.add(v.text());
        }
      }
      values.put(var, List.copyOf(vs));
    }
    return values;
  }

  /** A boolean field value: {@code 1}/{@code true} or {@code 0}/{@code false}; else null. */
  static Boolean bool(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "1", "true" -> Boolean.TRUE;
      case "0", "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Builds a form of type {@code form} or {@code result}. */
  static Builder builder(String type, String formType) {
    return new Builder(type, formType);
  }

  static final class Builder {
    private final Element.Builder x;

    private Builder(String type, String formType) {
      x = Element.builder("x", NAMESPACE).attribute("type", type);
      x.child(Element.builder("field", NAMESPACE).attribute("var", "FORM_TYPE")
          .attribute("type", "hidden")
          .child(Element.builder("value", NAMESPACE).text(formType).build()).build());
    }

    Builder field(String var, String type, String label, List<String> values,
        List<String> options) {
      Element.Builder f = Element.builder("field", NAMESPACE).attribute("var", var)
          .attribute("type", type).attribute("label", label);
      for (String o : options) {
        f.child(Element.builder("option", NAMESPACE)
            .child(Element.builder("value", NAMESPACE).text(o).build()).build());
      }
      for (String v : values) {
        f.child(Element.builder("value", NAMESPACE).text(v).build());
      }
      x.child(f.build());
      return this;
    }

    Element build() {
      return x.build();
    }
  }
}
