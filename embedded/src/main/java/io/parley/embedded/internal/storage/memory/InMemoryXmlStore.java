package io.parley.embedded.internal.storage.memory;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.XmlStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link XmlStore}: documents in memory, lost when the process ends. Elements are
 * immutable, so they are kept and handed out as they are.
 */
public final class InMemoryXmlStore implements XmlStore {
  private final ConcurrentHashMap<Jid, Map<String, Element>> documents =
      new ConcurrentHashMap<>();

  @Override
  public Optional<Element> get(Jid user, String key) {
    Map<String, Element> userDocuments = documents.get(user.asBare());
    return userDocuments == null ? Optional.empty() : Optional.ofNullable(userDocuments.get(key));
  }

  @Override
  public void put(Jid user, String key, Element element) {
    documents.compute(user.asBare(), (u, current) -> {
      Map<String, Element> next = current == null ? new ConcurrentHashMap<>() : current;
      if (element == null) {
        next.remove(key);
      } else {
        next.put(key, element);
      }
      return next.isEmpty() ? null : next;
    });
  }

  @Override
  public void deleteUser(Jid user) {
    documents.remove(user.asBare());
  }
}
