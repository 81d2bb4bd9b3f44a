package io.parley.samples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The web app end to end in a real browser: Debian's Chromium, driven by playwright-core from npm
 * through a small Node script ({@code browser-test.mjs}), against the app started in this JVM on a
 * free loopback port. Two browser contexts log in as alice and bob; each sees the other come
 * online; messages typed on one page appear on the other; a status change appears on the other
 * page within a second; screenshots go to {@code target/screenshots}.
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
  static void installBrowserAndDriver() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      Result install = run(List.of("apt-get", "install", "-y", "--no-install-recommends",
          "chromium"), Path.of("."), 900);
      if (!Files.isExecutable(CHROMIUM)) {
        Result update = run(List.of("apt-get", "update"), Path.of("."), 300);
        install = run(List.of("apt-get", "install", "-y", "--no-install-recommends",
            "chromium"), Path.of("."), 900);
        assertTrue(Files.isExecutable(CHROMIUM), "could not install Debian's chromium:\n"
            + update.output + install.output);
      }
    }
    Files.createDirectories(WORK);
    if (!Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
      Result npm = run(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund",
          "--prefix", WORK.toString(), PLAYWRIGHT_CORE), WORK, 600);
      assertEquals(0, npm.exit, "npm install " + PLAYWRIGHT_CORE + " failed:\n" + npm.output);
    }
    // Beside node_modules, so that Node resolves playwright-core from the script's own folder.
    try (InputStream script = WebAppBrowserTest.class.getResourceAsStream("browser-test.mjs")) {
      Files.copy(script, WORK.resolve("browser-test.mjs"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void twoPeopleSeeEachOtherChatAndSeeStatusChanges() throws Exception {
    try (WebAppServer app = WebAppServer.start(0)) {
      Result node = run(List.of("node", WORK.resolve("browser-test.mjs").toString(), app.url(),
          SCREENSHOTS.toString()), WORK, 300);
      System.out.println(node.output); // the steps and the measured status delay, for the log
      assertEquals(0, node.exit, "the browser test failed; its output:\n" + node.output);
      assertTrue(node.output.contains("BROWSER TEST PASSED"), node.output);
      assertTrue(Files.exists(SCREENSHOTS.resolve("3-alice-sees-bob-dnd.png")), node.output);
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
