package io.parley.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SampleServerOptionsTest {
  @Test
  void noArgumentsGiveTheDefaults() {
    var o = SampleServerOptions.parse();
    assertEquals("localhost", o.domain());
    assertEquals("127.0.0.1", o.bindAddress());
    assertEquals(5222, o.port());
    assertEquals(5223, o.tlsPort());
    assertEquals(Path.of("parley-data"), o.dataDirectory());
    assertTrue(o.accounts().isEmpty());
    assertFalse(o.echoBot());
    assertFalse(o.allowRegistration());
    assertFalse(o.help());
  }

  @Test
  void demoAddsAliceBobAndCarolInOrder() {
    var o = SampleServerOptions.parse("--demo");
    assertEquals(List.of("alice", "bob", "carol"), List.copyOf(o.accounts().keySet()));
    assertEquals("demo", o.accounts().get("bob"));
  }

  @Test
  void everyOptionIsRead() {
    var o = SampleServerOptions.parse("--domain", "example.test", "--bind", "::1", "--port", "0",
        "--tls-port", "-1", "--data-dir", "/tmp/p", "--user", "dave:pa:ss", "--user", "eve:x",
        "--echo-bot", "--allow-registration", "--help");
    assertEquals("example.test", o.domain());
    assertEquals("::1", o.bindAddress());
    assertEquals(0, o.port());
    assertEquals(-1, o.tlsPort());
    assertEquals(Path.of("/tmp/p"), o.dataDirectory());
    // Only the first colon separates: passwords may contain colons.
    assertEquals(Map.of("dave", "pa:ss", "eve", "x"), o.accounts());
    assertTrue(o.echoBot());
    assertTrue(o.allowRegistration());
    assertTrue(o.help());
  }

  @Test
  void userAfterDemoReplacesTheDemoPassword() {
    var o = SampleServerOptions.parse("--demo", "--user", "alice:other");
    assertEquals("other", o.accounts().get("alice"));
    assertEquals(3, o.accounts().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--bogus", "--port", "--port x", "--port 70000", "--port -2",
      "--user alice", "--user :pw", "--user alice:", "--domain", "--port 5000 --tls-port 5000",
      "demo"})
  void badArgumentsAreRejectedWithAMessage(String line) {
    var e = assertThrows(IllegalArgumentException.class,
        () -> SampleServerOptions.parse(line.split(" ")));
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void portsZeroMayRepeatBecauseEachGetsItsOwnFreePort() {
    var o = SampleServerOptions.parse("--port", "0", "--tls-port", "0");
    assertEquals(0, o.port());
    assertEquals(0, o.tlsPort());
  }
}
