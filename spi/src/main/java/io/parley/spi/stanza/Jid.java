package io.parley.spi.stanza;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import rocks.xmpp.precis.PrecisProfiles;

/**
 * An XMPP address (RFC 7622): {@code [localpart@]domainpart[/resourcepart]}, immutable and
 * normalised when created, so {@link #equals} compares the prepared form.
 *
 * <p>Localparts are enforced with the PRECIS UsernameCaseMapped profile (plus the characters
 * RFC 7622 §3.3.1 forbids), resourceparts with OpaqueString, and domainparts are lower-cased and
 * IDNA-converted to their Unicode form. Each part is at most 1023 bytes of UTF-8.
 */
public final class Jid {
  private static final int MAX_PART_BYTES = 1023;

  private final String local;
  private final String domain;
  private final String resource;
  private final String string;
  // Routing asks for the bare form of every full JID it looks up; compute it once. A race only
  // builds an equal value twice (all fields it reads are final).
  private Jid bare;

  private Jid(String local, String domain, String resource) {
    this.local = local;
    this.domain = domain;
    this.resource = resource;
    StringBuilder sb = new StringBuilder();
    if (local != null) {
      sb.append(local).append('@');
    }
    sb.append(domain);
    if (resource != null) {
      sb.append('/').append(resource);
    }
    this.string = sb.toString();
  }

  /**
   * Parses and prepares a JID.
   *
   * @throws InvalidJidException if the string is not a valid JID
   */
  public static Jid of(String jid) {
    Objects.requireNonNull(jid, "jid");
    int slash = jid.indexOf('/');
    String bare = slash < 0 ? jid : jid.substring(0, slash);
    String resource = slash < 0 ? null : jid.substring(slash + 1);
    int at = bare.indexOf('@');
    String local = at < 0 ? null : bare.substring(0, at);
    String domain = at < 0 ? bare : bare.substring(at + 1);
    if (slash >= 0 && resource.isEmpty()) {
      throw new InvalidJidException("empty resourcepart: " + jid);
    }
    if (at >= 0 && local.isEmpty()) {
      throw new InvalidJidException("empty localpart: " + jid);
    }
    return of(local, domain, resource);
  }

  /** Builds a JID from its parts; {@code local} and {@code resource} may be null. */
  public static Jid of(String local, String domain, String resource) {
    return new Jid(
        local == null ? null : prepareLocal(local),
        prepareDomain(domain),
        resource == null ? null : prepareResource(resource));
  }

  /** A domain-only JID such as {@code example.com}. */
  public static Jid domain(String domain) {
    return new Jid(null, prepareDomain(domain), null);
  }

  /** The prepared localpart, or null. */
  public String local() {
    return local;
  }

  public String domain() {
    return domain;
  }

  /** The prepared resourcepart, or null. */
  public String resource() {
    return resource;
  }

  public boolean isBare() {
    return resource == null;
  }

  public boolean isFull() {
    return resource != null;
  }

  /** True for a JID that has neither localpart nor resourcepart. */
  public boolean isDomain() {
    return local == null && resource == null;
  }

  public Jid asBare() {
    if (resource == null) {
      return this;
    }
    Jid b = bare;
    if (b == null) {
      b = new Jid(local, domain, null);
      bare = b;
    }
    return b;
  }

  public Jid asDomain() {
    return isDomain() ? this : new Jid(null, domain, null);
  }

  public Jid withResource(String resource) {
    return new Jid(local, domain, prepareResource(resource));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Jid other && string.equals(other.string);
  }

  @Override
  public int hashCode() {
    return string.hashCode();
  }

  @Override
  public String toString() {
    return string;
  }

  private static String prepareLocal(String local) {
    String prepared;
    if (isSimpleAscii(local, true)) {
      prepared = local.toLowerCase(Locale.ROOT);
    } else {
      try {
        prepared = PrecisProfiles.USERNAME_CASE_MAPPED.enforce(local);
      } catch (IllegalArgumentException e) {
        throw new InvalidJidException("invalid localpart: " + e.getMessage());
      }
      for (int i = 0; i < prepared.length(); i++) {
        if (isForbiddenInLocal(prepared.charAt(i))) {
          throw new InvalidJidException("forbidden character in localpart: " + prepared);
        }
      }
    }
    return checkLength(prepared, "localpart");
  }

  private static String prepareResource(String resource) {
    String prepared;
    if (isSimpleAscii(resource, false)) {
      prepared = resource;
    } else {
      try {
        prepared = PrecisProfiles.OPAQUE_STRING.enforce(resource);
      } catch (IllegalArgumentException e) {
        throw new InvalidJidException("invalid resourcepart: " + e.getMessage());
      }
    }
    return checkLength(prepared, "resourcepart");
  }

  private static String prepareDomain(String domain) {
    Objects.requireNonNull(domain, "domain");
    String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    if (d.isEmpty()) {
      throw new InvalidJidException("empty domainpart");
    }
    if (d.startsWith("[") && d.endsWith("]")) {
      return checkLength(d.toLowerCase(Locale.ROOT), "domainpart"); // IPv6 literal
    }
    String prepared;
    if (isAsciiHostname(d)) {
      prepared = d.toLowerCase(Locale.ROOT);
    } else {
      try {
        prepared = IDN.toUnicode(IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES), IDN.USE_STD3_ASCII_RULES)
            .toLowerCase(Locale.ROOT);
      } catch (IllegalArgumentException e) {
        throw new InvalidJidException("invalid domainpart: " + d);
      }
    }
    return checkLength(prepared, "domainpart");
  }

  private static boolean isSimpleAscii(String s, boolean local) {
    if (s.isEmpty()) {
      throw new InvalidJidException("empty part");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // Printable ASCII is PVALID in both PRECIS classes; a space only in OpaqueString.
      if (c > 0x7e || c < (local ? 0x21 : 0x20) || (local && isForbiddenInLocal(c))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isForbiddenInLocal(char c) {
    return c == '"' || c == '&' || c == '\'' || c == '/' || c == ':' || c == '<' || c == '>'
        || c == '@';
  }

  private static boolean isAsciiHostname(String d) {
    int labelLength = 0;
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (c == '.') {
        if (labelLength == 0) {
          throw new InvalidJidException("empty label in domainpart: " + d);
        }
        labelLength = 0;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_') {
        labelLength++;
      } else if (c > 0x7f) {
        return false;
      } else {
        throw new InvalidJidException("forbidden character in domainpart: " + d);
      }
    }
    return true;
  }

  private static String checkLength(String part, String what) {
    if (part.isEmpty()) {
      throw new InvalidJidException("empty " + what);
    }
    // Cheap upper bound first: UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (part.length() * 3 > MAX_PART_BYTES
        && part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PART_BYTES) {
      throw new InvalidJidException(what + " longer than " + MAX_PART_BYTES + " bytes");
    }
    return part;
  }
}
