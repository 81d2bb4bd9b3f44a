package io.parley.spi.muc;

import java.util.Locale;

/**
 * A user's long-lived association with a group chat room (XEP-0045 §5.2), ranked from
 * {@link #OWNER} down to {@link #OUTCAST} (banned).
 */
public enum RoomAffiliation {
  OWNER, ADMIN, MEMBER, NONE, OUTCAST;

  /** The attribute value XEP-0045 uses, e.g. {@code owner}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The affiliation for an attribute value, or null if XEP-0045 defines none by that name. */
  public static RoomAffiliation fromWire(String value) {
    for (RoomAffiliation a : values()) {
      if (a.wireName().equals(value)) {
        return a;
      }
    }
    return null;
  }

  /** True if this affiliation ranks above {@code other} (owner above admin above member...). */
  public boolean isAbove(RoomAffiliation other) {
    return ordinal() < other.ordinal();
  }
}
