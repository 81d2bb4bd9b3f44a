package io.parley.spi.storage;

import java.util.Locale;

/** XEP-0060 §4.1 affiliations, from most to least privileged. */
public enum PubSubAffiliation {
  OWNER, PUBLISHER, PUBLISH_ONLY, MEMBER, NONE, OUTCAST;

  /** As written on the wire: {@code publish-only}, {@code owner}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The affiliation for a wire name, or null if there is none by that name. */
  public static PubSubAffiliation fromWire(String s) {
    for (PubSubAffiliation a : values()) {
      if (a.wireName().equals(s)) {
        return a;
      }
    }
    return null;
  }
}
