package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.XmlStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link XmlStore} contract, run against every implementation. */
abstract class XmlStoreContract {
  abstract XmlStore store();

  private final Jid user = Users.fresh();

  private static Element vcard(String name) {
    return Element.builder("vCard", "vcard-temp")
        .child(Element.builder("FN", "vcard-temp").text(name).build())
        .child(Element.builder("x", "urn:example:other").attribute("a", "1 < 2 & 'q'")
            .child(Element.builder("inner", "urn:example:other").build()).build())
        .build();
  }

  @Test
  void missingDocumentIsEmpty() {
    assertEquals(Optional.empty(), store().get(user, "vcard-temp"));
  }

  @Test
  void documentComesBackEqual() {
    store().put(user, "vcard-temp", vcard("Juliet \u2764"));
    assertEquals(Optional.of(vcard("Juliet \u2764")), store().get(user, "vcard-temp"));
  }

  @Test
  void putReplacesAndNullRemoves() {
    store().put(user, "vcard-temp", vcard("A"));
    store().put(user, "vcard-temp", vcard("B"));
    assertEquals(Optional.of(vcard("B")), store().get(user, "vcard-temp"));
    store().put(user, "vcard-temp", null);
    assertEquals(Optional.empty(), store().get(user, "vcard-temp"));
  }

  @Test
  void keysAndUsersAreSeparateAndDeleteUserRemovesAll() {
    Jid other = Users.fresh();
    store().put(user, "vcard-temp", vcard("A"));
    store().put(user, "private:x|y", vcard("P"));
    store().put(other, "vcard-temp", vcard("O"));
    assertEquals(Optional.of(vcard("P")), store().get(user, "private:x|y"));
    store().deleteUser(user);
    assertEquals(Optional.empty(), store().get(user, "vcard-temp"));
    assertEquals(Optional.empty(), store().get(user, "private:x|y"));
    assertEquals(Optional.of(vcard("O")), store().get(other, "vcard-temp"));
  }
}
