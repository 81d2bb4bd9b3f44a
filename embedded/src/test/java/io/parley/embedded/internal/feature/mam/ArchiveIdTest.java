package io.parley.embedded.internal.feature.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchiveIdTest {
  @Test
  void idsAre22UrlSafeCharactersAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    Set<Character> used = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String id = Archives.newId();
      assertEquals(22, id.length(), id);
      assertTrue(id.matches("[A-Za-z0-9_-]{22}"), id);
      assertTrue(seen.add(id), "repeated " + id);
      id.chars().forEach(c -> used.add((char) c));
    }
    // Every character of the alphabet turns up: all 64 are reachable, not a biased subset.
    assertEquals(64, used.size());
  }
}
