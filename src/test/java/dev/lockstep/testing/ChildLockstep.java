package dev.lockstep.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * lockstep as a user runs it: a separate JVM with the options {@code scripts/lockstep} uses, its
 * progress lines (stderr) followed as they are written and stamped with the milliseconds since the
 * start, and optionally killed with SIGKILL right after a given progress line (so the kill lands at
 * the same point whatever the machine's speed). Helm's homes and the JVM's temp dir are kept inside
 * the case's folder, since a killed JVM leaves helm-java's native library behind.
 */
public final class ChildLockstep {
  /** The JVM options scripts/lockstep starts lockstep with (short-lived: C1 only, parallel GC). */
  public static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-XX:-UsePerfData");

  /** The command line's main class. */
  public static final String MAIN = "dev.lockstep.cli.Main";

  private ChildLockstep() {}

  /** What the separate JVM did. */
  public record Run(int exit, boolean killed, long millis, String stderr, String stdout) {
    /** The last progress line before the end, e.g. {@code 2410 build image ...: sha256:...}. */
    public String lastStep() {
      List<String> lines = stderr.lines().filter(l -> !l.contains("    | ")).toList();
      return lines.isEmpty()
          ? "(no step finished)"
          : lines.get(lines.size() - 1).strip().replaceAll("\\s+", " ");
    }

    @Override
    public String toString() {
      return "exit "
          + exit
          + (killed ? " (killed)" : "")
          + " after "
          + millis
          + " ms\n--- stdout\n"
          + stdout
          + "--- stderr\n"
          + stderr;
    }
  }

  /**
   * When to send SIGKILL: as soon as the child has written a line matching the last of {@code
   * lines}, each earlier one having been seen before it, in order. A line starting with two spaces
   * names a release progress line ({@code " STEP SUBJECT: OUTCOME"}, not a command's output),
   * matched by its step, e.g. {@code " publish chart"}; any other is the start of a line, e.g.
   * {@code "train: released kubeflex"}.
   */
  public record Kill(List<String> lines) {
    public Kill {
      lines = List.copyOf(lines);
    }

    /** Right after the first release progress line whose step starts with {@code step}. */
    public static Kill afterLine(String step) {
      return new Kill(List.of("  " + step));
    }

    /** Right after a line matching the last of {@code lines}, once the others were seen. */
    public static Kill afterLines(String... lines) {
      return new Kill(List.of(lines));
    }

    /** Whether {@code line} matches the {@code i}th line of this kill. */
    boolean matches(int i, String line) {
      String want = lines.get(i);
      if (want.startsWith("  ")) {
        return line.startsWith("  ") && line.strip().startsWith(want.strip());
      }
      return line.startsWith(want);
    }

    /** A fresh matcher: true for the line after which to kill. */
    Predicate<String> watch() {
      int[] next = {0};
      return line -> {
        if (next[0] < lines.size() && matches(next[0], line)) {
          next[0]++;
        }
        return next[0] == lines.size();
      };
    }

    @Override
    public String toString() {
      return "after '" + String.join("' then '", lines.stream().map(String::strip).toList()) + "'";
    }
  }

  /**
   * Runs {@code mainClass} with {@code args} in its own JVM from {@code dir}, stdout and stderr in
   * {@code dir/logs}; killed with SIGKILL as {@code kill} says if it is still running then.
   *
   * @param minutes how long it may run before the test fails
   */
  public static Run run(
      Path dir, String mainClass, List<String> args, Optional<Kill> kill, int minutes)
      throws IOException, InterruptedException {
    return run(dir, List.of(), mainClass, args, kill, minutes);
  }

  /** A run that exited 0, with the classes its JVM loaded (its {@code -Xlog:class+load} lines). */
  public record Loaded(Run run, List<String> classes) {}

  /**
   * Runs lockstep's command line with {@code args} in its own JVM from {@code dir}, logging every
   * class it loads; fails unless it exits 0 within a minute.
   */
  public static Loaded loadingClasses(Path dir, String... args)
      throws IOException, InterruptedException {
    Path log = dir.resolve("classes.log");
    Run run =
        run(dir, List.of("-Xlog:class+load:file=" + log), MAIN, List.of(args), Optional.empty(), 1);
    if (run.exit() != 0) {
      throw new AssertionError("exit " + run.exit() + ":\n" + run.stdout() + run.stderr());
    }
    return new Loaded(run, Files.readAllLines(log));
  }

  /** {@link #run(Path, String, List, Optional, int)} with {@code jvmOptions} added. */
  public static Run run(
      Path dir,
      List<String> jvmOptions,
      String mainClass,
      List<String> args,
      Optional<Kill> kill,
      int minutes)
      throws IOException, InterruptedException {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path stdout = logs.resolve("stdout.txt");
    Path stderrFile = logs.resolve("stderr.txt");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcom.marcnuri.jkube-helm.skipRemoteJar=true",
                // helm-java copies its native library there on every start, and a killed JVM
                // leaves it behind: keep it inside the case's folder.
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("java-tmp")),
                "-cp",
                System.getProperty("java.class.path")));
    command.addAll(1, JVM_OPTIONS);
    command.addAll(1 + JVM_OPTIONS.size(), jvmOptions);
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderrFile.toFile());
    Map<String, String> env = builder.environment();
    env.put("HELM_CONFIG_HOME", Files.createDirectories(dir.resolve("helm/config")).toString());
    env.put("HELM_CACHE_HOME", Files.createDirectories(dir.resolve("helm/cache")).toString());
    env.put("HELM_DATA_HOME", Files.createDirectories(dir.resolve("helm/data")).toString());
    long start = System.nanoTime();
    Process process = builder.start();
    AtomicBoolean killed = new AtomicBoolean();
    Runnable sigkill =
        () -> {
          if (process.isAlive()) {
            killed.set(true);
            process.destroyForcibly(); // SIGKILL on Linux
          }
        };
    // Follows the progress lines as they are written (a file, not a pipe: no lost tail when the JVM
    // dies), stamping each with the milliseconds since the start.
    StderrTail stderr = new StderrTail(stderrFile, start);
    Optional<Predicate<String>> trigger = kill.map(Kill::watch);
    boolean armed = trigger.isPresent();
    long deadline = start + TimeUnit.MINUTES.toNanos(minutes);
    try {
      while (process.isAlive()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "lockstep did not end within " + minutes + " minutes:\n" + stderr.text());
        }
        List<String> lines = stderr.poll();
        if (armed && lines.stream().anyMatch(trigger.get())) {
          armed = false;
          sigkill.run();
        }
        process.waitFor(2, TimeUnit.MILLISECONDS);
      }
    } finally {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    stderr.poll();
    long millis = (System.nanoTime() - start) / 1_000_000;
    // It may have ended on its own just before the kill.
    boolean wasKilled = killed.get() && process.exitValue() == 137;
    return new Run(
        process.exitValue(),
        wasKilled,
        millis,
        stderr.text(),
        Files.readString(stdout, StandardCharsets.UTF_8));
  }

  /**
   * Reads the lines a child appends to its stderr file, each stamped with the milliseconds since
   * its start.
   */
  public static final class StderrTail {
    private final Path file;
    private final long start;
    private final StringBuilder text = new StringBuilder();
    private long offset;
    private String partial = "";

    public StderrTail(Path file, long start) {
      this.file = file;
      this.start = start;
    }

    /** The complete lines written since the last poll. */
    public List<String> poll() throws IOException {
      List<String> lines = new ArrayList<>();
      try (var channel = Files.newByteChannel(file)) {
        if (channel.size() <= offset) {
          return lines;
        }
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (channel.size() - offset));
        channel.position(offset);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
          // read what is there now
        }
        offset += buffer.position();
        String chunk =
            partial + new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        int end = chunk.lastIndexOf('\n');
        partial = chunk.substring(end + 1);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (end >= 0) {
          for (String line : chunk.substring(0, end).split("\n", -1)) {
            lines.add(line);
            text.append(String.format("%6d ", millis)).append(line).append('\n');
          }
        }
      }
      return lines;
    }

    public String text() {
      return partial.isEmpty() ? text.toString() : text + "       " + partial + "\n";
    }
  }
}
