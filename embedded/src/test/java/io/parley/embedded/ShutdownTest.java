package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.RawClient;
import io.parley.embedded.testing.XmlOutput;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    try (Socket unauthenticated = new Socket("127.0.0.1", parley.tcpPort())) {
      unauthenticated.getOutputStream().write(RawClient.OPEN.getBytes(StandardCharsets.UTF_8));
      unauthenticated.setSoTimeout(10_000);
      byte[] buf = new byte[65536];
      StringBuilder got = new StringBuilder();
      while (!got.toString().contains("</stream:features>")) {
        int n = unauthenticated.getInputStream().read(buf);
        got.append(new String(buf, 0, Math.max(n, 0), StandardCharsets.UTF_8));
      }
      parley.close();
      int n;
      while ((n = unauthenticated.getInputStream().read(buf)) >= 0) {
        got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
      String out = got.toString();
      assertTrue(out.contains("<system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"), out);
      assertTrue(XmlOutput.parse(out).closed(), "stream end written: " + out);
    }
    assertFalse(parley.sessionCount() > 0);
  }
}
