package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.sasl.ScramCredentials;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import org.junit.jupiter.api.Test;

class InMemoryCredentialStoreTest {
  @Test
  void storesSaltedKeysForBothHashesUnderThePreparedName() {
    InMemoryCredentialStore store = new InMemoryCredentialStore().addUser("Juliet", "secret");
    assertTrue(store.exists("juliet"));
    assertFalse(store.exists("Juliet")); // callers pass prepared names
    for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
      ScramCredential stored = store.scramCredential("juliet", algorithm).orElseThrow();
      assertEquals(algorithm, stored.algorithm());
      assertEquals(16, stored.salt().length);
      assertEquals(4096, stored.iterations());
      ScramCredential expected =
          ScramCredentials.derive("secret", algorithm, stored.salt(), stored.iterations());
      assertArrayEquals(expected.storedKey(), stored.storedKey());
      assertArrayEquals(expected.serverKey(), stored.serverKey());
    }
  }

  @Test
  void saltsDifferPerAccountAndHash() {
    InMemoryCredentialStore store =
        new InMemoryCredentialStore().addUser("a", "same").addUser("b", "same");
    byte[] a1 = store.scramCredential("a", ScramAlgorithm.SHA_1).orElseThrow().salt();
    byte[] a256 = store.scramCredential("a", ScramAlgorithm.SHA_256).orElseThrow().salt();
    byte[] b1 = store.scramCredential("b", ScramAlgorithm.SHA_1).orElseThrow().salt();
    assertFalse(java.util.Arrays.equals(a1, a256));
    assertFalse(java.util.Arrays.equals(a1, b1));
  }

  @Test
  void removeUserUsesThePreparedName() {
    InMemoryCredentialStore store = new InMemoryCredentialStore().addUser("romeo", "x");
    assertTrue(store.removeUser("ROMEO"));
    assertFalse(store.removeUser("romeo"));
    assertTrue(store.scramCredential("romeo", ScramAlgorithm.SHA_1).isEmpty());
  }

  @Test
  void invalidUsernameOrPasswordIsRejected() {
    InMemoryCredentialStore store = new InMemoryCredentialStore();
    assertThrows(IllegalArgumentException.class, () -> store.addUser("ro@meo", "x"));
    assertThrows(IllegalArgumentException.class, () -> store.addUser("", "x"));
    assertThrows(IllegalArgumentException.class, () -> store.addUser("romeo", ""));
    assertFalse(store.exists("romeo"));
  }
}
