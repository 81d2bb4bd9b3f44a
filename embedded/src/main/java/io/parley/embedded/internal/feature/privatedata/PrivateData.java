package io.parley.embedded.internal.feature.privatedata;

/** XEP-0049 names. */
final class PrivateData {
  static final String NAMESPACE = "jabber:iq:private";
  static final String ELEMENT = "query";

  private PrivateData() {}

  /** The {@code XmlStore} key of one fragment, as the storage SPI documents it. */
  static String key(String namespace, String name) {
    return "private:" + namespace + "|" + name;
  }

  /**
   * XEP-0049 §2.3: namespaces reserved in Jabber, which a server may refuse; an element with no
   * namespace of its own is refused too (the fragment's root must have one).
   */
  static boolean reserved(String namespace) {
    return namespace.isEmpty() || namespace.startsWith("jabber:")
        || namespace.startsWith("http://jabber.org/") || namespace.equals("vcard-temp");
  }
}
