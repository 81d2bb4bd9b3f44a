package io.parley.jmh.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A few seconds of the chat load against a server in this JVM: the generator negotiates real
 * streams (STARTTLS, SCRAM-SHA-1, bind, presence) and every message arrives whole and in order.
 * Asserts nothing about speed; the benchmark itself never runs in the test build.
 */
class LoadSmokeTest {
  @TempDir Path data;

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void chatMessagesArriveCompleteAndInOrder(boolean tls) throws Exception {
    try (Parley parley = Parley.builder()
        .domain(Wire.DOMAIN)
        .bindAddress("127.0.0.1")
        .tcpPort(0)
        .directTlsPort(-1)
        .tlsRequired(tls)
        .dataDirectory(data)
        .credentials(new LoadAccounts(8))
        .shutdownTimeout(java.time.Duration.ofSeconds(1))
        .build()
        .start();
        Generator generator = new Generator("127.0.0.1", parley.tcpPort(), tls,
            ClientTransport.best(), 1, Generator.CLIENT_GROUPS)) {
      LoadResult result = new ChatLoad(
          new ChatLoad.Options(3, 5, 120, 0, 200, 1000, 6), generator, null).run();

      assertTrue(Long.parseLong(result.get("sent_total")) > 0, result::toString);
      assertTrue(Long.parseLong(result.get("delivered")) > 0, result::toString);
      assertEquals("0", result.get("lost"), result::toString);
      assertEquals("0", result.get("reordered"), result::toString);
      assertEquals("0", result.get("incomplete"), result::toString);
    }
  }
}
