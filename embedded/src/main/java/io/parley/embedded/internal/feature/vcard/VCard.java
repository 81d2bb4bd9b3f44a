package io.parley.embedded.internal.feature.vcard;

/** XEP-0054 names. */
final class VCard {
  static final String NAMESPACE = "vcard-temp";
  static final String ELEMENT = "vCard";
  /** The {@code XmlStore} key, as the storage SPI documents it. */
  static final String STORE_KEY = "vcard-temp";

  private VCard() {}
}
