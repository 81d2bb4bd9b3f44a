package io.parley.samples.webapp;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived, single-use XMPP login tokens: the web app hands one to a logged-in page, and
 * Parley's authenticator redeems it. The page never sees the person's password, and a token
 * that leaks is worthless after one use or its lifetime. Thread-safe.
 */
public final class LoginTokens {
  private record Grant(String username, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final Duration lifetime;
  private final Clock clock;

  public LoginTokens(Duration lifetime, Clock clock) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("token lifetime must be positive: " + lifetime);
    }
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A fresh random token for {@code username}, valid once within the lifetime. */
  public String issue(String username) {
    Instant now = clock.instant();
    // Dropping the expired grants here keeps the map bounded by the issue rate.
    grants.values().removeIf(g -> !g.expires().isAfter(now));
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    grants.put(token, new Grant(username, now.plus(lifetime)));
    return token;
  }

  /**
   * Whether {@code token} was issued to {@code username} and is still valid; the token is used up
   * either way, so a guess against the wrong user burns it too.
   */
  public boolean redeem(String username, String token) {
    Grant grant = grants.remove(token);
    if (grant == null || !grant.expires().isAfter(clock.instant())) {
      return false;
    }
    return MessageDigest.isEqual(grant.username().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        username.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  int outstanding() {
    return grants.size();
  }
}
