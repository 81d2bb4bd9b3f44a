package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP and WebSocket builder options: defaults and validation. */
class WebSocketOptionsTest {
  @TempDir Path dataDir;

  private Parley.Builder builder() {
    return Parley.builder().tcpPort(-1).directTlsPort(-1).dataDirectory(dataDir);
  }

  @Test
  void httpListenersAreOffByDefault() {
    try (Parley parley = builder().build().start()) {
      assertEquals(-1, parley.httpPort());
      assertEquals(-1, parley.httpsPort());
    }
  }

  @Test
  void portZeroBindsAFreePort() {
    try (Parley parley = builder().bindAddress("127.0.0.1").httpPort(0).build().start()) {
      assertEquals(true, parley.httpPort() > 0);
    }
  }

  private void refused(Consumer<Parley.Builder> option) {
    Parley.Builder b = builder();
    option.accept(b);
    assertThrows(IllegalArgumentException.class, b::build);
  }

  @Test
  void invalidOptionsAreRefusedAtBuild() {
    refused(b -> b.httpPort(-2));
    refused(b -> b.httpsPort(70000));
    refused(b -> b.tcpPort(5280).httpPort(5280));
    refused(b -> b.httpPort(5280).httpsPort(5280));
    refused(b -> b.webSocketPath("xmpp"));
    refused(b -> b.webSocketPath("/.well-known/xmpp"));
    refused(b -> b.webSocketPath("/xmpp?x=1"));
    refused(b -> b.corsOrigins(List.of(" ")));
    refused(b -> b.webSocketUrl("https://chat.example.com/xmpp"));
  }
}
