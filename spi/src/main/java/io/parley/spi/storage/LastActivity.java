package io.parley.spi.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * When a user's last session ended (XEP-0012 §3).
 *
 * @param loggedOut when the session ended
 * @param status the status text of the unavailable presence the client sent, or null
 */
public record LastActivity(Instant loggedOut, String status) {
  public LastActivity {
    Objects.requireNonNull(loggedOut, "loggedOut");
  }
}
