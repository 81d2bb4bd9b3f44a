package io.parley.spi.auth;

/** The hash functions of the SCRAM mechanisms Parley offers. */
public enum ScramAlgorithm {
  /** SCRAM-SHA-1 (RFC 5802), still what most deployed clients choose. */
  SHA_1("SCRAM-SHA-1"),
  /** SCRAM-SHA-256 (RFC 7677). */
  SHA_256("SCRAM-SHA-256");

  private final String mechanism;

  ScramAlgorithm(String mechanism) {
    this.mechanism = mechanism;
  }

  /** The SASL mechanism name. */
  public String mechanism() {
    return mechanism;
  }
}
