package io.parley.embedded.internal.feature.muc;

import java.util.Locale;

/** An occupant's role while in the room (XEP-0045 §5.1), highest first. */
enum Role {
  MODERATOR, PARTICIPANT, VISITOR, NONE;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Role fromWire(String value) {
    for (Role r : values()) {
      if (r.wireName().equals(value)) {
        return r;
      }
    }
    return null;
  }

  boolean hasVoice() {
    return this == MODERATOR || this == PARTICIPANT;
  }
}
