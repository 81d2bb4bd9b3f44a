package io.parley.embedded.internal.feature.blocking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.spi.stanza.Jid;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JID matching rules of XEP-0191 §4. */
class BlockingMatchTest {
  private static boolean matches(String item, String jid) {
    return Blocking.matches(Set.of(Jid.of(item)), Jid.of(jid));
  }

  @Test
  void fullJidItemMatchesOnlyThatResource() {
    assertTrue(matches("romeo@example.net/orchard", "romeo@example.net/orchard"));
    assertFalse(matches("romeo@example.net/orchard", "romeo@example.net/garden"));
    assertFalse(matches("romeo@example.net/orchard", "romeo@example.net"));
  }

  @Test
  void bareJidItemMatchesAnyResource() {
    assertTrue(matches("romeo@example.net", "romeo@example.net"));
    assertTrue(matches("romeo@example.net", "romeo@example.net/orchard"));
    assertFalse(matches("romeo@example.net", "juliet@example.net"));
  }

  @Test
  void domainResourceItemMatchesOnlyItself() {
    assertTrue(matches("example.net/bot", "example.net/bot"));
    assertFalse(matches("example.net/bot", "romeo@example.net/bot"));
    assertFalse(matches("example.net/bot", "example.net"));
  }

  @Test
  void domainItemMatchesTheDomainItsUsersAndResourcesButNotSubdomains() {
    assertTrue(matches("example.net", "example.net"));
    assertTrue(matches("example.net", "romeo@example.net"));
    assertTrue(matches("example.net", "romeo@example.net/orchard"));
    assertTrue(matches("example.net", "example.net/bot"));
    assertFalse(matches("example.net", "chat.example.net"));
    assertFalse(matches("example.net", "romeo@example.org"));
  }
}
