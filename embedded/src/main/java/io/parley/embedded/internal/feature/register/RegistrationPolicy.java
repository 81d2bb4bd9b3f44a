package io.parley.embedded.internal.feature.register;

import io.parley.embedded.internal.ServerConfig;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Whether in-band registration is on, and on which streams. Like Prosody (whose
 * {@code c2s_require_encryption} also governs registration), a server that requires TLS registers
 * only over encrypted streams; one built with {@code tlsRequired(false)} registers over plain ones
 * too (XEP-0077 §11 leaves it to the deployment).
 */
@Singleton
final class RegistrationPolicy {
  private final boolean enabled;
  private final boolean tlsRequired;

  @Inject
  RegistrationPolicy(ServerConfig config) {
    this.enabled = config.allowRegistration();
    this.tlsRequired = config.tlsRequired();
  }

  boolean enabled() {
    return enabled;
  }

  boolean allowedOn(boolean secure) {
    return enabled && (secure || !tlsRequired);
  }
}
