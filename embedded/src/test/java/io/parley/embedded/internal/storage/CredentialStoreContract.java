package io.parley.embedded.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.sasl.ScramCredentials;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import org.junit.jupiter.api.Test;

/** The {@link CredentialStore} contract (with account management), on every implementation. */
abstract class CredentialStoreContract {
  abstract CredentialStore store();

  private final String user = Users.fresh().local();

  private void assertPassword(String password) {
    for (ScramAlgorithm algorithm : ScramAlgorithm.values()) {
      ScramCredential stored = store().scramCredential(user, algorithm).orElseThrow();
      ScramCredential expected = ScramCredentials.derive(password, algorithm, stored.salt(),
          stored.iterations());
      assertArrayEquals(expected.storedKey(), stored.storedKey(), algorithm.name());
      assertArrayEquals(expected.serverKey(), stored.serverKey(), algorithm.name());
    }
  }

  @Test
  void createdAccountExistsWithKeysForEveryHash() {
    assertFalse(store().exists(user));
    assertTrue(store().create(user, "secret"));
    assertTrue(store().exists(user));
    assertPassword("secret");
  }

  @Test
  void takenUsernameIsNotCreatedAgain() {
    assertTrue(store().create(user, "one"));
    assertFalse(store().create(user, "two"));
    assertPassword("one");
  }

  @Test
  void changedPasswordReplacesTheKeys() {
    store().create(user, "one");
    store().changePassword(user, "two");
    assertPassword("two");
  }

  @Test
  void changingThePasswordOfNoAccountFails() {
    assertThrows(IllegalArgumentException.class, () -> store().changePassword(user, "x"));
  }

  @Test
  void deletedAccountIsGone() {
    store().create(user, "one");
    store().delete(user);
    assertFalse(store().exists(user));
    assertTrue(store().scramCredential(user, ScramAlgorithm.SHA_256).isEmpty());
    assertTrue(store().create(user, "again"));
  }
}
