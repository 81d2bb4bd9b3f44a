package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parley.embedded.internal.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BOSH builder options: defaults and validation. */
class BoshOptionsTest {
  @TempDir Path dataDir;

  private Parley.Builder builder() {
    return Parley.builder().tcpPort(-1).directTlsPort(-1).dataDirectory(dataDir);
  }

  @Test
  void defaultsAreProsodys() {
    try (Parley parley = builder().build()) {
      ServerConfig c = ParleyTestAccess.config(parley);
      assertEquals("/http-bind", c.boshPath());
      assertEquals(Duration.ofSeconds(60), c.boshMaxWait());
      assertEquals(1, c.boshMaxHold());
      assertEquals(2, c.boshMaxRequests());
      assertEquals(Duration.ofSeconds(60), c.boshInactivity());
      assertFalse(c.boshConsideredSecure());
    }
  }

  private void refused(Consumer<Parley.Builder> option) {
    Parley.Builder b = builder();
    option.accept(b);
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void invalidOptionsAreRefusedAtBuild() {
    refused(b -> b.boshPath("http-bind"));
    refused(b -> b.boshPath("/.well-known/bosh"));
    refused(b -> b.boshPath("/bind?x=1"));
    refused(b -> b.boshPath("/xmpp-websocket"));
    refused(b -> b.boshMaxWait(Duration.ofMillis(500)));
    refused(b -> b.boshMaxWait(null));
    refused(b -> b.boshMaxHold(-1));
    refused(b -> b.boshMaxRequests(0));
    refused(b -> b.boshInactivity(Duration.ZERO));
  }
}
