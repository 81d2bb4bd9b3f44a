package io.parley.embedded.internal.feature.pubsub;

import io.parley.spi.stanza.Element;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The XEP-0115 §5.1 verification string of a disco#info answer, with the §5.4 checks that make
 * an answer ill-formed (duplicate identities, features or form types). Sorting is by "i;octet"
 * (RFC 4790 §9.3): the UTF-8 bytes, unsigned.
 */
final class CapsHash {
  // The IANA hash names XEP-0115 uses, mapped to the JDK's; MD5 and MD2 are not accepted.
  private static final Map<String, String> ALGORITHMS = Map.of("sha-1", "SHA-1",
      "sha-224", "SHA-224", "sha-256", "SHA-256", "sha-384", "SHA-384", "sha-512", "SHA-512");
  private static final Comparator<String> OCTET = (a, b) -> Arrays.compareUnsigned(
      a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private CapsHash() {}

  /** Whether {@code hash} (the {@code <c/>} element's attribute) names a supported function. */
  static boolean supported(String hash) {
    return hash != null && ALGORITHMS.containsKey(hash.toLowerCase(Locale.ROOT));
  }

  /**
   * The verification string of {@code query} (a disco#info {@code <query/>}) under {@code hash},
   * or null if the answer is ill-formed (§5.4 step 3.3–3.5) or the hash is not supported.
   */
  static String of(Element query, String hash) {
    if (!supported(hash)) {
      return null;
    }
    List<String> identities = new ArrayList<>();
    List<String> features = new ArrayList<>();
    List<Form> forms = new ArrayList<>();
    for (Element e : query.elements()) {
      if (!e.namespace().equals(PubSub.DISCO_INFO) && !e.namespace().equals(DataForm.NAMESPACE)) {
        continue;
      }
      switch (e.name()) {
        case "identity" -> identities.add(nonNull(e.attribute("category")) + "/"
            + nonNull(e.attribute("type")) + "/" + nonNull(e.attribute("xml:lang")) + "/"
            + nonNull(e.attribute("name")));
        case "feature" -> features.add(nonNull(e.attribute("var")));
        case "x" -> {
          if (e.namespace().equals(DataForm.NAMESPACE)) {
            Form f = form(e);
            if (f == Form.ILL_FORMED) {
              return null;
            }
            if (f != null) {
              forms.add(f);
            }
          }
        }
        default -> { }
      }
    }
    if (new HashSet<>(identities).size() != identities.size()
        || new HashSet<>(features).size() != features.size()) {
      return null; // §5.4 3.3, 3.4
    }
    Set<String> types = new HashSet<>();
    for (Form f : forms) {
      if (!types.add(f.type)) {
        return null; // §5.4 3.5
      }
    }
    identities.sort(OCTET);
    features.sort(OCTET);
    forms.sort((a, b) -> OCTET.compare(a.type, b.type));
    StringBuilder s = new StringBuilder();
    for (String i : identities) {
      s.append(i).append('<');
    }
    for (String f : features) {
      s.append(f).append('<');
    }
    for (Form f : forms) {
      s.append(f.type).append('<');
      f.fields.sort((a, b) -> OCTET.compare(a.get(0), b.get(0)));
      for (List<String> field : f.fields) {
        s.append(field.get(0)).append('<');
        List<String> values = new ArrayList<>(field.subList(1, field.size()));
        values.sort(OCTET);
        for (String v : values) {
          s.append(v).append('<');
        }
      }
    }
    try {
      MessageDigest md = MessageDigest.getInstance(
          ALGORITHMS.get(hash.toLowerCase(Locale.ROOT)));
      return Base64.getEncoder().encodeToString(
          md.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      return null;
    }
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  /** One extended-information form: its FORM_TYPE and its other fields as [var, values...]. */
  private record Form(String type, List<List<String>> fields) {
    static final Form ILL_FORMED = new Form("", List.of());
  }

  // Null for a form to ignore (§5.4 3.6: no hidden FORM_TYPE), ILL_FORMED for §5.4 3.5.
  private static Form form(Element x) {
    String type = null;
    boolean hidden = false;
    List<List<String>> fields = new ArrayList<>();
    for (Element field : x.elements()) {
      if (!field.name().equals("field") || !field.namespace().equals(DataForm.NAMESPACE)
          || field.attribute("var") == null) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (Element v : field.elements()) {
        if (v.name().equals("value") && v.namespace().equals(DataForm.NAMESPACE)) {
          values.add(v.text());
        }
      }
      if (field.attribute("var").equals("FORM_TYPE")) {
        if (new HashSet<>(values).size() > 1) {
          return Form.ILL_FORMED;
        }
        type = values.isEmpty() ? null : values.get(0);
        hidden = "hidden".equals(field.attribute("type"));
      } else {
        List<String> f = new ArrayList<>();
        f.add(field.attribute("var"));
        f.addAll(values);
        fields.add(f);
      }
    }
    return type == null || !hidden ? null : new Form(type, fields);
  }
}
