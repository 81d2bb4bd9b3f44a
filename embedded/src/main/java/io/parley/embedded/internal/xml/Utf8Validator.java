package io.parley.embedded.internal.xml;

import java.nio.ByteBuffer;

/**
 * Checks bytes against the UTF-8 encoding form (RFC 3629 §4), across input boundaries. aalto's
 * async parser does not: it decodes invalid sequences into arbitrary characters.
 */
final class Utf8Validator {
  /** Continuation bytes still expected for the current character. */
  private int need;
  /** Bytes of the current, incomplete character seen so far. */
  private int seen;
  /** Bounds for the next continuation byte; narrower after E0, ED, F0 and F4. */
  private int low = 0x80;
  private int high = 0xBF;

  void reset() {
    need = 0;
    seen = 0;
    low = 0x80;
    high = 0xBF;
  }

  /** True while a multi-byte character is incomplete. */
  boolean pending() {
    return need > 0;
  }

  /** How many bytes of the incomplete last character have been seen (0 if none). */
  int partialLength() {
    return seen;
  }

  /** Returns the index of the first byte in {@code [from, to)} that is not valid, or -1. */
  int scan(ByteBuffer buffer, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = buffer.get(i);
      if (need == 0 && b >= 0) {
        continue;
      }
      if (!accept(b)) {
        return i;
      }
    }
    return -1;
  }

  boolean accept(byte b) {
    int c = b & 0xFF;
    if (need == 0) {
      if (c < 0x80) {
        return true;
      }
      if (c < 0xC2) {
        return false; // a stray continuation byte, or an overlong two-byte form
      } else if (c < 0xE0) {
        need = 1;
      } else if (c < 0xF0) {
        need = 2;
        low = c == 0xE0 ? 0xA0 : 0x80; // overlong
        high = c == 0xED ? 0x9F : 0xBF; // surrogates
      } else if (c < 0xF5) {
        need = 3;
        low = c == 0xF0 ? 0x90 : 0x80; // overlong
        high = c == 0xF4 ? 0x8F : 0xBF; // above U+10FFFF
      } else {
        return false;
      }
      seen = 1;
      return true;
    }
    if (c < low || c > high) {
      return false;
    }
    low = 0x80;
    high = 0xBF;
    if (--need == 0) {
      seen = 0;
    } else {
      seen++;
    }
    return true;
  }
}
