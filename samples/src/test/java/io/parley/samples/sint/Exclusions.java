package io.parley.samples.sint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The SINT tests that may fail for now, each with its reason: one per line, {@code Class reason}
 * for a whole class or {@code Class#method reason} for one test, with the class's simple name.
 * Blank lines and lines starting with {@code #} are ignored.
 */
final class Exclusions {
  private final Map<String, String> reasons;

  private Exclusions(Map<String, String> reasons) {
    this.reasons = reasons;
  }

  static Exclusions load(String resource) throws IOException {
    Map<String, String> reasons = new HashMap<>();
    try (InputStream in = Exclusions.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int space = line.indexOf(' ');
        if (space < 0) {
          throw new IOException("an exclusion needs a reason: " + line);
        }
        reasons.put(line.substring(0, space), line.substring(space + 1).strip());
      }
    }
    return new Exclusions(reasons);
  }

  static String key(Class<?> c, Method m) {
    return c.getSimpleName() + "#" + m.getName();
  }

  static String key(Method m) {
    return key(m.getDeclaringClass(), m);
  }

  boolean excludes(Class<?> c, Method m) {
    return excludes(key(c, m)) || excludes(key(m));
  }

  /** Whether a {@code Class#method} key, or its class, is excluded. */
  boolean excludes(String key) {
    int hash = key.indexOf('#');
    return reasons.containsKey(key) || (hash > 0 && reasons.containsKey(key.substring(0, hash)));
  }
}
