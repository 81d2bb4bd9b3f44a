package io.parley.spi.stanza;

/** The XML 1.0 {@code Char} production (XML §2.2), which RFC 6120 §11 narrows nothing of. */
final class XmlChars {
  private XmlChars() {}

  /** Rejects strings that no serializer could write as XML 1.0. */
  static String check(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 ? c != 0x9 && c != 0xa && c != 0xd : c == 0xfffe || c == 0xffff) {
        throw new IllegalArgumentException(
            "character U+" + Integer.toHexString(c) + " is not allowed in XML");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new IllegalArgumentException("unpaired surrogate in XML text");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException("unpaired surrogate in XML text");
      }
    }
    return s;
  }
}
