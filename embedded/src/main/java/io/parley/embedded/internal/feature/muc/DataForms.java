package io.parley.embedded.internal.feature.muc;

import io.parley.spi.stanza.Element;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes and reads XEP-0004 data forms. */
final class DataForms {
  private final Element.Builder form;

  private DataForms(String type, String formType) {
    form = Element.builder("x", Muc.DATA).attribute("type", type);
    if (formType != null) {
      form.child(field("FORM_TYPE", "hidden", null, List.of(formType), List.of()));
    }
  }

  static DataForms form(String type, String formType) {
    return new DataForms(type, formType);
  }

  DataForms title(String title) {
    form.child(Muc.text("title", Muc.DATA, title));
    return this;
  }

  DataForms field(String var, String type, String label, String... values) {
    form.child(field(var, type, label, List.of(values), List.of()));
    return this;
  }

  DataForms list(String var, String type, String label, List<String> values,
      List<String> options) {
    form.child(field(var, type, label, values, options));
    return this;
  }

  DataForms bool(String var, String label, boolean value) {
    return field(var, "boolean", label, value ? "1" : "0");
  }

  Element build() {
    return form.build();
  }

  private static Element field(String var, String type, String label, List<String> values,
      List<String> options) {
    Element.Builder f = Element.builder("field", Muc.DATA).attribute("var", var)
        .attribute("type", type).attribute("label", label);
    for (String v : values) {
      f.child(Muc.text("value", Muc.DATA, v));
    }
    for (String o : options) {
      f.child(Element.builder("option", Muc.DATA)
          .child(Muc.text("value", Muc.DATA, o)).build());
    }
    return f.build();
  }

  /** The values of a submitted form's fields, by name, in form order. */
  static Map<String, List<String>> values(Element x) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Element field : x.elements()) {
      if (field.name().equals("field") && field.attribute("var") != null) {
        List<String> v = new ArrayList<>();
        for (Element value : field.elements()) {
          if (value.name().equals("value")) {
            v.add(value.text());
          }
        }
        values.put(field.attribute("var"), v);
      }
    }
    return values;
  }

  /** XEP-0004 §3.3 boolean: "1" or "true". */
  static boolean isTrue(String value) {
    return "1".equals(value) || "true".equals(value);
  }

  static boolean isBoolean(String value) {
    return "1".equals(value) || "true".equals(value) || "0".equals(value)
        || "false".equals(value);
  }
}
