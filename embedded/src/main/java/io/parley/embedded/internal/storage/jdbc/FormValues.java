package io.parley.embedded.internal.storage.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data form values ({@code field → [values]}) as one text column: each field as its
 * length-prefixed name, its value count and {@code #}, then its length-prefixed values
 * ({@code 4:name2#1:a2:bc}), so any character may appear in names and values.
 */
final class FormValues {
  private FormValues() {}

  static String encode(Map<String, List<String>> fields) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, List<String>> e : fields.entrySet()) {
      string(b, e.getKey());
      b.append(e.getValue().size()).append('#');
      for (String v : e.getValue()) {
        string(b, v);
      }
    }
    return b.toString();
  }

  static Map<String, List<String>> decode(String encoded) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    int[] at = {0};
    while (at[0] < encoded.length()) {
      String name = string(encoded, at);
      int hash = encoded.indexOf('#', at[0]);
      int count = Integer.parseInt(encoded, at[0], hash, 10);
      at[0] = hash + 1;
      List<String> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(string(encoded, at));
      }
      fields.put(name, List.copyOf(values));
    }
    return fields;
  }

  private static void string(StringBuilder b, String s) {
    b.append(s.length()).append(':').append(s);
  }

  private static String string(String encoded, int[] at) {
    int colon = encoded.indexOf(':', at[0]);
    int length = Integer.parseInt(encoded, at[0], colon, 10);
    String s = encoded.substring(colon + 1, colon + 1 + length);
    at[0] = colon + 1 + length;
    return s;
  }
}
