package io.parley.spi.stanza;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7622 parsing and PRECIS preparation. */
class JidTest {
  @Test
  void partsAreSplitAtTheFirstAtBeforeTheFirstSlash() {
    Jid jid = Jid.of("juliet@example.com/balcony/with@and/slashes");
    assertEquals("juliet", jid.local());
    assertEquals("example.com", jid.domain());
    assertEquals("balcony/with@and/slashes", jid.resource());
    assertTrue(jid.isFull());
  }

  @Test
  void localpartAndDomainAreCaseFoldedResourceIsNot() {
    Jid jid = Jid.of("Juliet@Example.COM/Balcony");
    assertEquals("juliet@example.com/Balcony", jid.toString());
    assertEquals(Jid.of("juliet@example.com/Balcony"), jid);
    assertEquals(Jid.of("juliet@example.com/Balcony").hashCode(), jid.hashCode());
  }

  @Test
  void nonAsciiLocalpartIsPreparedWithUsernameCaseMapped() {
    assertEquals("ßtraße", Jid.of("ßTRAßE@example.com").local());
    assertEquals(Jid.of("\u00e9@example.com"), Jid.of("e\u0301@example.com"), "NFC");
  }

  @Test
  void trailingDotOfTheDomainIsDropped() {
    assertEquals("example.com", Jid.of("example.com.").domain());
  }

  @Test
  void bareAndDomainForms() {
    Jid full = Jid.of("romeo@example.net/orchard");
    assertEquals(Jid.of("romeo@example.net"), full.asBare());
    assertSame(full.asBare(), full.asBare(), "computed once");
    assertTrue(full.asBare().isBare());
    assertEquals(Jid.domain("example.net"), full.asDomain());
    assertTrue(Jid.domain("example.net").isDomain());
    assertNull(Jid.domain("example.net").local());
    assertFalse(full.isDomain());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "@example.com", "juliet@", "juliet@example.com/", "a\"b@example.com",
      "a:b@example.com", "a<b@example.com", "a b@example.com", "exa mple.com", "example..com"})
  void invalidJidsAreRejected(String jid) {
    assertThrows(InvalidJidException.class, () -> Jid.of(jid));
  }

  @Test
  void partsLongerThan1023BytesAreRejected() {
    assertThrows(InvalidJidException.class, () -> Jid.of("a".repeat(1024) + "@example.com"));
    assertThrows(InvalidJidException.class, () -> Jid.of("example.com/" + "\u00e9".repeat(512)));
    assertEquals(1023, Jid.of("a".repeat(1023) + "@example.com").local().length());
  }
}
