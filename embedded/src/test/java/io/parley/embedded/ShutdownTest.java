package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.RawClient;
import io.parley.embedded.testing.XmlOutput;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parley.close() is graceful: connected clients are told with {@code <system-shutdown/>}. */
@Tag("e2e")
class ShutdownTest {
  @TempDir Path dataDir;

  @Test
  void closeSendsSystemShutdownToEveryStream() throws Exception {
    Parley parley = Parley.builder().domain("localhost").bindAddress("127.0.0.1")
        .tcpPort(0).directTlsPort(-1).tlsRequired(false).dataDirectory(dataDir).inMemoryStorage()
        .credentials(new InMemoryCredentialStore().addUser("alice", "pw"))
        .build().start();
    try (RawClient unauthenticated = RawClient.connect(parley.tcpPort())) {
      String features = unauthenticated.send(RawClient.OPEN)
          .readUntil(got -> got.contains("</stream:features>"), Duration.ofSeconds(10));
      assertTrue(features.contains("</stream:features>"), features);
      parley.close();
      assertTrue(unauthenticated.closedByServer(Duration.ofSeconds(10)), "still open");
      String out = unauthenticated.readUntil(got -> true, Duration.ofMillis(1));
      assertTrue(out.contains("<system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), out);
      assertTrue(XmlOutput.parse(out).closed(), "stream end written: " + out);
    }
    assertFalse(parley.sessionCount() > 0);
  }
}
