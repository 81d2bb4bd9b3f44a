package io.parley.samples.sint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.samples.server.SampleServer;
import io.parley.samples.server.SampleServerOptions;
import io.parley.samples.server.ServerCertificate;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.X509TrustManager;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.ConnectionConfigurationBuilderApplier;
import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.SuccessfulTest;
import org.igniterealtime.smack.inttest.TestNotPossible;
import org.jivesoftware.smack.SmackConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Smack Integration Test Framework (SINT) against the sample server on loopback, with
 * in-band registration on so SINT creates its own accounts. Prints the totals; fails if a test
 * that is not in {@code sint-exclusions.txt} fails.
 *
 * <p>SINT has no port setting, so each run's configuration gets our port and the server's
 * self-signed certificate through its connection-configuration applier. Each test class runs in
 * its own SINT run, and a class whose run aborts (SINT stops the whole run on an unexpected
 * exception) is re-run one method at a time, so one bad test cannot hide the others.
 *
 * <p>Set {@code -Dsint.runExcluded=true} to run the excluded tests too (to prune the list), or
 * {@code -Dsint.only=ClassName} to run one class ({@code A,B} for several).
 */
@Tag("sint")
class SintConformanceTest {
  private static final String DOMAIN = "localhost";
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
  private static final int RETRIES = 2;
  // Held strongly: java.util.logging forgets the level of a logger nobody references.
  private static final Logger SINT_LOG = Logger.getLogger("org.igniterealtime");
  private static final Logger SMACK_LOG = Logger.getLogger("org.jivesoftware");

  @TempDir
  Path dataDir;

  // Above the 5-minute default: with group chat, about half the suite, a full run is longer.
  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void smackIntegrationTestsPassExceptTheExcludedOnes() throws Exception {
    Exclusions exclusions = Exclusions.load("/sint-exclusions.txt");
    boolean runExcluded = Boolean.getBoolean("sint.runExcluded");
    String only = System.getProperty("sint.only", "");
    // SINT and Smack log every step through java.util.logging; the totals below suffice.
    // -Dsint.debug=true prints every stanza instead, for looking into one failing test.
    boolean debug = Boolean.getBoolean("sint.debug");
    SINT_LOG.setLevel(debug ? Level.INFO : Level.OFF);
    SMACK_LOG.setLevel(debug ? Level.INFO : Level.OFF);
    SmackConfiguration.DEBUG = debug;
    if (debug) {
      SmackConfiguration.setDefaultSmackDebuggerFactory(
          org.jivesoftware.smack.debugger.ConsoleDebugger.Factory.INSTANCE);
    }

    var options = SampleServerOptions.parse("--allow-registration", "--port", "0",
        "--tls-port", "-1", "--data-dir", dataDir.toString());
    long start = System.nanoTime();
    Totals totals = new Totals();
    Map<String, Ran> ran = new LinkedHashMap<>();
    try (Parley parley = SampleServer.start(options)) {
      X509TrustManager trust = ServerCertificate.trustManager(dataDir);
      for (Class<?> testClass : SintTests.classes()) {
        if (!only.isEmpty() && !List.of(only.split(",")).contains(testClass.getSimpleName())
            && !List.of(only.split(",")).contains(testClass.getName())) {
          continue;
        }
        List<Method> methods = new ArrayList<>();
        for (Method m : SintTests.methods(testClass)) {
          if (runExcluded || !exclusions.excludes(testClass, m)) {
            methods.add(m);
          } else {
            totals.skipped++;
          }
        }
        if (!methods.isEmpty()) {
          runClass(testClass, methods, parley.tcpPort(), trust, totals);
          methods.forEach(m -> ran.put(Exclusions.key(testClass, m), new Ran(testClass, m)));
        }
      }
      // Up to RETRIES runs, alone, for a test that failed unexpectedly: a failure that does not
      // repeat is reported as flaky (and still listed), one that fails every time fails the
      // build. Several SINT tests race with Smack's own asynchronous listener dispatch (a
      // listener added after join() sees the join's presence; a failed join removes the
      // listener that should see its error), and lose more often on a busy machine.
      for (String test : List.copyOf(totals.failed.keySet())) {
        Ran r = ran.get(test);
        if (r == null || exclusions.excludes(test)) {
          continue;
        }
        for (int attempt = 1; attempt <= RETRIES; attempt++) {
          Totals retry = new Totals();
          runClass(r.type(), List.of(r.method()), parley.tcpPort(), trust, retry);
          if (retry.failed.isEmpty() && retry.passed.contains(test)) {
            totals.flaky.add(test + ": passed on run " + (attempt + 1) + ", first run "
                + totals.failed.remove(test));
            totals.passed.add(test);
            break;
          }
        }
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    List<String> unexpected = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    totals.failed.forEach((test, reason) -> {
      (exclusions.excludes(test) ? expected : unexpected).add(test + ": " + reason);
    });
    List<String> prunable = totals.passed.stream().filter(exclusions::excludes).toList();
    StringBuilder report = new StringBuilder()
        .append("\n==== SINT ").append(SmackConfiguration.getVersion()).append(" against Parley: ")
        .append(totals.passed.size()).append(" passed, ")
        .append(totals.failed.size()).append(" failed (").append(expected.size())
        .append(" excluded), ")
        .append(totals.skipped).append(" skipped (excluded), ")
        .append(totals.impossible.size()).append(" impossible, in ")
        .append(took.toSeconds()).append(" s ====\n");
    unexpected.forEach(f -> report.append("  FAILED ").append(f).append('\n'));
    totals.flaky.forEach(f -> report.append("  passed on retry (flaky) ").append(f).append('\n'));
    expected.forEach(f -> report.append("  failed (excluded) ").append(f).append('\n'));
    totals.impossible.forEach(i -> report.append("  impossible ").append(i).append('\n'));
    prunable.forEach(p -> report.append("  passed but excluded (prune it) ").append(p)
        .append('\n'));
    System.out.println(report);
    assertTrue(unexpected.isEmpty(), "SINT tests failed that are not excluded:\n"
        + String.join("\n", unexpected));
  }

  private void runClass(Class<?> testClass, List<Method> methods, int port,
      X509TrustManager trust, Totals totals) throws Exception {
    try {
      collect(run(testClass, methods, port, trust), totals);
    } catch (IllegalArgumentException e) {
      if (!String.valueOf(e.getMessage()).contains("No integration tests selected")) {
        throw e;
      }
      // SINT found nothing it could run: the class declared itself impossible on this server
      // (for example no MUC service, no stream management) before any test started.
      totals.impossible.add(testClass.getSimpleName() + ": class not possible on this server");
    } catch (Throwable abort) {
      // SINT gave up on the whole run: blame the test it was running, retry the others alone.
      String culprit = String.valueOf(SmackIntegrationTestFramework.getTestUnderExecution());
      Method culpritMethod = methods.stream()
          .filter(m -> culprit.contains(testClass.getSimpleName() + "." + m.getName()))
          .findFirst().orElse(null);
      if (methods.size() == 1 || culpritMethod == null) {
        String name = methods.size() == 1 ? Exclusions.key(testClass, methods.get(0))
            : testClass.getSimpleName();
        totals.failed.put(name, "run aborted: " + abort);
        return;
      }
      totals.failed.put(Exclusions.key(testClass, culpritMethod), "run aborted: " + abort);
      for (Method m : methods) {
        if (m != culpritMethod) {
          runClass(testClass, List.of(m), port, trust, totals);
        }
      }
    }
  }

  private static TestRunResult run(Class<?> testClass, List<Method> methods, int port,
      X509TrustManager trust) throws Exception {
    StringBuilder enabled = new StringBuilder();
    for (Method m : methods) {
      enabled.append(enabled.length() == 0 ? "" : ",").append(testClass.getName()).append('.')
          .append(m.getName());
    }
    Configuration config = Configuration.builder()
        .setService(DOMAIN)
        .setSecurityMode("required")
        .setReplyTimeout(Long.toString(REPLY_TIMEOUT.toMillis()))
        .setEnabledConnections("tcp")
        .setEnabledTests(enabled.toString())
        .addTestPackage(testClass.getPackageName())
        .build();
    redirect(config, port, trust);
    return new SmackIntegrationTestFramework(config).run();
  }

  /**
   * Points every connection SINT makes at our port with our certificate. SINT 4.5.0-beta5 offers
   * no port setting; its applier is the one place all its connection builders pass through.
   */
  private static void redirect(Configuration config, int port, X509TrustManager trust)
      throws ReflectiveOperationException {
    ConnectionConfigurationBuilderApplier original = config.configurationApplier;
    ConnectionConfigurationBuilderApplier ours = builder -> {
      original.applyConfigurationTo(builder);
      builder.setHostAddress(InetAddress.getLoopbackAddress())
          .setPort(port)
          .setCustomX509TrustManager(trust);
    };
    Field field = Configuration.class.getField("configurationApplier");
    field.setAccessible(true);
    field.set(config, ours);
  }

  private static void collect(TestRunResult result, Totals totals) {
    for (SuccessfulTest t : result.getSuccessfulTests()) {
      totals.passed.add(Exclusions.key(t.concreteTest.getMethod()));
    }
    for (FailedTest t : result.getFailedTests()) {
      totals.failed.put(Exclusions.key(t.concreteTest.getMethod()), String.valueOf(
          t.failureReason));
    }
    for (TestNotPossible t : result.getNotPossibleTests()) {
      totals.impossible.add(Exclusions.key(t.concreteTest.getMethod()) + ": "
          + t.testNotPossibleException.getMessage());
    }
    result.getImpossibleTestClasses().forEach((c, reason) ->
        totals.impossible.add(c.getSimpleName() + ": " + reason.getMessage()));
  }

  private record Ran(Class<?> type, Method method) {}

  private static final class Totals {
    final List<String> passed = new ArrayList<>();
    final Map<String, String> failed = new LinkedHashMap<>();
    final List<String> impossible = new ArrayList<>();
    final List<String> flaky = new ArrayList<>();
    int skipped;
  }

  static boolean isConcrete(Class<?> c) {
    return !Modifier.isAbstract(c.getModifiers()) && !c.isInterface();
  }
}
