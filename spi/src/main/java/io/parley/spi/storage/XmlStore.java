package io.parley.spi.storage;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import java.util.Optional;

/**
 * Per-user XML documents by key: vCards (XEP-0054, key {@code vcard-temp}) and private XML
 * storage (XEP-0049, key {@code private:<namespace>|<element>}). Called from Parley's blocking
 * executor; may block; must be thread-safe; writes durable when they return.
 */
public interface XmlStore {
  Optional<Element> get(Jid user, String key);

  /** Stores a document; a null element removes it. */
  void put(Jid user, String key, Element element);

  void deleteUser(Jid user);
}
