package io.parley.jmh.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LoadServer} in a child JVM, started with the generator's own class path, and what can
 * be read about it from outside: CPU time and resident memory from {@code /proc}, heap after a
 * full GC by asking it.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;
  private final long pid;

  private ServerProcess(Process process, BufferedReader out, int port, long pid) {
    this.process = process;
    this.out = out;
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.port = port;
    this.pid = pid;
  }

  /**
   * @param jvmOptions options for the server JVM, e.g. {@code -Xmx1g}
   * @param serverArgs arguments of {@link LoadServer#main}
   * @param mallocArenas the server's {@code MALLOC_ARENA_MAX}, or 0 to inherit the environment
   * @param cpus the CPUs the server may run on ({@code taskset -c} syntax), or null for all
   */
  static ServerProcess start(List<String> jvmOptions, List<String> serverArgs,
      int mallocArenas, String cpus) throws IOException {
    List<String> command = new ArrayList<>();
    if (cpus != null) {
      command.addAll(List.of("taskset", "-c", cpus));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LoadServer.class.getName());
    command.addAll(serverArgs);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    if (mallocArenas > 0) {
      // glibc gives each thread that mallocs its own arena; BoringSSL's per-connection
      // allocations from the event loops then fragment several arenas (measured: about 8 kB of
      // RSS per idle TLS session). A deployment sets the same variable.
      builder.environment().put("MALLOC_ARENA_MAX", Integer.toString(mallocArenas));
    }
    Process p = builder.start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("ready ")) {
        var kv = LoadResult.parse(line.substring(6));
        return new ServerProcess(p, out, Integer.parseInt(kv.get("port")),
            Long.parseLong(kv.get("pid")));
      }
    }
    p.destroyForcibly();
    throw new IOException("the server exited before it was ready (exit " + exitCode(p) + ")");
  }

  int port() {
    return port;
  }

  long pid() {
    return pid;
  }

  /** The server's CPU time (user + system, all threads) so far, from /proc/pid/stat. */
  long cpuNanos() {
    return cpuNanos(Path.of("/proc", Long.toString(pid), "stat"));
  }

  /** CPU time (user + system) of a process or thread so far, from its {@code stat} file. */
  static long cpuNanos(Path stat) {
    return cpuNanos(stat, true);
  }

  /**
   * CPU time of a process or thread so far, from its {@code stat} file.
   *
   * @param user whether to count user time too, or only system (kernel) time
   */
  static long cpuNanos(Path stat, boolean user) {
    try {
      String text = Files.readString(stat);
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
      long ticks = (user ? Long.parseLong(f[11]) : 0) + Long.parseLong(f[12]); // utime, stime
      return ticks * (1_000_000_000L / CLOCK_TICKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's kernel CPU time (system time, all threads) so far. */
  long systemCpuNanos() {
    return cpuNanos(Path.of("/proc", Long.toString(pid), "stat"), false);
  }

  /**
   * The server's CPU time so far by kind of thread, from {@code /proc/pid/task/}: {@code io}
   * (event loops), {@code blocking} (the blocking pool), {@code jit} (compiler threads),
   * {@code gc} (GC and VM threads) and {@code other} (the rest, including threads that ended).
   */
  Map<String, Long> cpuNanosByThreads() {
    return cpuNanosByThreads(Path.of("/proc", Long.toString(pid)));
  }

  /** As {@link #cpuNanosByThreads()} for any JVM; the generator's event loops count as io. */
  static Map<String, Long> cpuNanosByThreads(Path proc) {
    Map<String, Long> groups = new LinkedHashMap<>();
    for (String g : List.of("io", "blocking", "jit", "gc", "other")) {
      groups.put(g, 0L);
    }
    long total = cpuNanos(proc.resolve("stat"));
    long known = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        String name;
        long cpu;
        try {
          name = Files.readString(task.resolve("comm")).trim();
          cpu = cpuNanos(task.resolve("stat"));
        } catch (IOException | UncheckedIOException e) {
          continue; // the thread ended meanwhile
        }
        String group = name.startsWith("parley-io") || name.startsWith("load-") ? "io"
            : name.startsWith("parley-blocking") ? "blocking"
            : name.contains("Compiler") ? "jit"
            : name.startsWith("GC ") || name.startsWith("G1 ") || name.equals("VM Thread") ? "gc"
            : null;
        if (group != null) {
          groups.merge(group, cpu, Long::sum);
          known += cpu;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    groups.put("other", Math.max(0, total - known));
    return groups;
  }

  // USER_HZ is 100 on every Linux this runs on; /proc reports in those ticks.
  private static final long CLOCK_TICKS = 100;

  /** Resident memory (VmRSS) in bytes. */
  long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
        }
      }
      throw new IllegalStateException("no VmRSS for " + pid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Heap in use after a full GC in the server, in bytes. */
  synchronized long heapAfterGc() throws IOException {
    return Long.parseLong(ask("gc", "heap="));
  }

  /** Writes the server's live-object class histogram ({@code jcmd GC.class_histogram}). */
  void classHistogram(Path file) throws IOException {
    jcmd(file, "GC.class_histogram");
    // Useful when the server JVM runs with -XX:NativeMemoryTracking=summary; harmless otherwise.
    jcmd(Path.of(file + ".nmt"), "VM.native_memory", "summary");
  }

  private void jcmd(Path file, String... command) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
    args.addAll(List.of(command));
    Process jcmd = new ProcessBuilder(args)
        .redirectOutput(file.toFile())
        .redirectErrorStream(true)
        .start();
    try {
      jcmd.waitFor(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Bound sessions the server counts. */
  synchronized int sessions() throws IOException {
    return Integer.parseInt(ask("sessions", "sessions="));
  }

  private String ask(String command, String prefix) throws IOException {
    in.write(command + "\n");
    in.flush();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
    throw new IOException("the server exited");
  }

  @Override
  public void close() {
    try {
      in.write("stop\n");
      in.flush();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String exitCode(Process p) {
    try {
      return Integer.toString(p.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
