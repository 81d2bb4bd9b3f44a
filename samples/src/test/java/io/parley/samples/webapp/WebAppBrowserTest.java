package io.parley.samples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.samples.server.ServerCertificate;
import io.parley.spi.stanza.Jid;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The web app end to end in a real browser: Debian's Chromium, driven by playwright-core from npm
 * through a small Node script ({@code browser-test.mjs}), against the app started in this JVM on a
 * free loopback port. Two browser contexts log in as alice and bob; each sees the other come
 * online; messages typed on one page appear on the other; a status change appears on the other
 * page within a second; carol, at a desktop client (Smack over TCP, logged in with an app token),
 * chats with alice's page; screenshots go to {@code target/screenshots}.
 *
 * <p>The set-up installs what is missing: {@code apt-get install chromium} (the machine cannot
 * download a browser of its own; CI runs as root) and playwright-core into
 * {@code target/browser-test}, out of git.
 */
@Tag("browser")
class WebAppBrowserTest {
  /** Pinned: the Chromium DevTools protocol it speaks must match Debian's browser. */
  static final String PLAYWRIGHT_CORE = "playwright-core@1.65.1";
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path WORK = Path.of("target", "browser-test").toAbsolutePath();
  static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

  @BeforeAll
  @Timeout(value = 14, unit = TimeUnit.MINUTES) // a first apt-get and npm install on a slow mirror
  static void installBrowserAndDriver() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      Result install = run(List.of("apt-get", "install", "-y", "--no-install-recommends",
          "chromium"), Path.of("."), 360);
      if (!Files.isExecutable(CHROMIUM)) {
        Result update = run(List.of("apt-get", "update"), Path.of("."), 120);
        install = run(List.of("apt-get", "install", "-y", "--no-install-recommends",
            "chromium"), Path.of("."), 360);
        assertTrue(Files.isExecutable(CHROMIUM), "could not install Debian's chromium:\n"
            + update.output + install.output);
      }
    }
    Files.createDirectories(WORK);
    if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
      Result npm = run(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund",
          "--prefix", WORK.toString(), PLAYWRIGHT_CORE), WORK, 240);
      assertEquals(0, npm.exit, "npm install " + PLAYWRIGHT_CORE + " failed:\n" + npm.output);
    }
    // Beside node_modules, so that Node resolves playwright-core from the script's own folder.
    try (InputStream script = WebAppBrowserTest.class.getResourceAsStream("browser-test.mjs")) {
      Files.copy(script, WORK.resolve("browser-test.mjs"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES) // the Node script's own limit, and then some
  void twoPeopleSeeEachOtherChatAndSeeStatusChanges() throws Exception {
    Path data = Files.createTempDirectory("parley-webapp-test");
    try (WebAppServer app = WebAppServer.start(0, Directory.demo(),
        b -> b.bindAddress("127.0.0.1").tcpPort(0).dataDirectory(data))) {
      // carol is at her desktop client, over TCP with STARTTLS, logged in with an app token.
      XMPPTCPConnection carol = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
          .setXmppDomain(WebAppServer.DOMAIN)
          .setHostAddress(InetAddress.getLoopbackAddress())
          .setPort(app.parley().tcpPort())
          .setSecurityMode(SecurityMode.required)
          .setCustomX509TrustManager(ServerCertificate.trustManager(data))
          .setUsernameAndPassword("carol", WebAppServerTest.token(
              WebAppServerTest.loggedIn(app, "carol"), app))
          .setResource("desktop")
          .addEnabledSaslMechanism("PLAIN")
          .build());
      carol.setReplyTimeout(15_000);
      BlockingQueue<Message> atCarol = new LinkedBlockingQueue<>();
      carol.addAsyncStanzaListener(s -> atCarol.add((Message) s),
          s -> s instanceof Message m && m.getBody() != null);
      carol.connect().login();
      try {
        Process node = new ProcessBuilder("node", WORK.resolve("browser-test.mjs").toString(),
            app.url(), SCREENSHOTS.toString()).directory(WORK.toFile()).redirectErrorStream(true)
            .redirectOutput(WORK.resolve("node.log").toFile()).start();
        // carol writes once alice's page is online; the page waits for her message.
        Jid alice = Jid.of("alice@localhost");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (app.parley().presence(alice).isEmpty() && node.isAlive()
            && System.nanoTime() < deadline) {
          Thread.sleep(100); // polling the server's state: there is no event to wait on here
        }
        carol.sendStanza(carol.getStanzaFactory().buildMessageStanza()
            .to(JidCreate.from("alice@localhost")).ofType(Message.Type.chat)
            .setBody("Hello from a desktop client").build());
        boolean done = node.waitFor(300, TimeUnit.SECONDS);
        if (!done) {
          node.descendants().forEach(ProcessHandle::destroyForcibly);
          node.destroyForcibly();
          node.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(WORK.resolve("node.log"), StandardCharsets.UTF_8);
        System.out.println(output); // the steps and the measured status delay, for the log
        assertTrue(done, "the browser test timed out; its output:\n" + output);
        assertEquals(0, node.exitValue(), "the browser test failed; its output:\n" + output);
        assertTrue(output.contains("BROWSER TEST PASSED"), output);
        assertTrue(Files.exists(SCREENSHOTS.resolve("3-alice-sees-bob-dnd.png")), output);
        Message reply = atCarol.poll(15, TimeUnit.SECONDS);
        assertEquals("Hello Carol, from the browser", reply == null ? null : reply.getBody());
        assertEquals("alice@localhost", reply.getFrom().asBareJid().toString());
      } finally {
        carol.disconnect();
      }
    } finally {
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile)
            .forEach(java.io.File::delete);
      }
    }
  }

  record Result(int exit, String output) {}

  /** Runs a command with its output captured (stderr merged), killed after the timeout. */
  static Result run(List<String> command, Path dir, int timeoutSeconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("webapp-test", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return new Result(-1, "cannot run " + command + ": " + e.getMessage() + "\n");
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return new Result(-1, "timed out after " + timeoutSeconds + " s: " + command + "\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
