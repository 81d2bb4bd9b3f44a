package io.parley.jmh.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One result line: {@code mode=chat key=value …}, space-separated, values without spaces. */
final class LoadResult {
  private final Map<String, String> values = new LinkedHashMap<>();

  LoadResult(String mode) {
    values.put("mode", mode);
  }

  LoadResult put(String key, Object value) {
    String text = value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d)
        : String.valueOf(value);
    values.put(key, text.replace(' ', '_'));
    return this;
  }

  String get(String key) {
    return values.get(key);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return b.toString();
  }

  static Map<String, String> parse(String line) {
    Map<String, String> kv = new LinkedHashMap<>();
    for (String part : line.trim().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        kv.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return kv;
  }
}
