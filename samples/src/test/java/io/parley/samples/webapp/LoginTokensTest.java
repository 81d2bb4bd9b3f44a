package io.parley.samples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginTokensTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final LoginTokens tokens = new LoginTokens(Duration.ofSeconds(60), clock);

  @Test
  void aTokenWorksOnceForItsOwnUser() {
    String token = tokens.issue("alice");
    assertTrue(tokens.redeem("alice", token));
    assertFalse(tokens.redeem("alice", token), "single use");
  }

  @Test
  void anotherUsersTokenFailsAndIsBurnt() {
    String token = tokens.issue("alice");
    assertFalse(tokens.redeem("bob", token));
    assertFalse(tokens.redeem("alice", token), "a token tried against the wrong user is used up");
  }

  @Test
  void aTokenExpiresAfterItsLifetime() {
    String token = tokens.issue("alice");
    clock.now = clock.now.plusSeconds(59);
    String second = tokens.issue("alice");
    assertTrue(tokens.redeem("alice", token), "valid just before the end of its lifetime");
    clock.now = clock.now.plusSeconds(60);
    assertFalse(tokens.redeem("alice", second), "expired");
  }

  @Test
  void unknownTokensFailAndTokensDiffer() {
    assertFalse(tokens.redeem("alice", "guess"));
    assertNotEquals(tokens.issue("alice"), tokens.issue("alice"));
  }

  @Test
  void expiredTokensAreDroppedWhenNewOnesAreIssued() {
    tokens.issue("alice");
    tokens.issue("bob");
    clock.now = clock.now.plusSeconds(61);
    tokens.issue("carol");
    assertEquals(1, tokens.outstanding());
  }

  @Test
  void theLifetimeMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new LoginTokens(Duration.ZERO, clock));
  }
}
