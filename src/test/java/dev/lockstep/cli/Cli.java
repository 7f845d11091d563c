package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/** Runs the CLI in-process, the way a shell would, and keeps what it printed. */
final class Cli {
  private Cli() {}

  /** What one run returned and printed. */
  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    List<String> outLines() {
      return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static Result verify(Path graph, String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "verify";
    args[1] = "--graph";
    args[2] = graph.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return run(args);
  }

  /** No Java internals in what a user reads. */
  static void assertNoStackTrace(Result r) {
    for (String text : List.of(r.out(), r.err())) {
      assertFalse(text.contains("Exception"), () -> "a Java exception name leaked:\n" + r);
      assertFalse(text.contains("at dev.lockstep"), () -> "a stack trace leaked:\n" + r);
      assertFalse(text.contains("\tat "), () -> "a stack trace leaked:\n" + r);
    }
  }

  /** 1-based number of the first line of {@code text} that contains {@code marker}. */
  static int lineOf(String text, String marker) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("test graph has no line with '" + marker + "'");
  }

  /** 1-based column where {@code marker} starts on the first line that contains it. */
  static int columnOf(String text, String marker) {
    return text.lines().toList().get(lineOf(text, marker) - 1).indexOf(marker) + 1;
  }

  /**
   * The {@code file:line:} prefix {@code line} starts with, or null: the graph file absolute or
   * relative to the working directory.
   */
  static String prefix(String line, Path graph, int lineNo) {
    Path abs = graph.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    String suffix = ":" + lineNo + ":";
    if (line.startsWith(abs + suffix)) {
      return abs + suffix;
    }
    if (abs.startsWith(cwd) && line.startsWith(cwd.relativize(abs) + suffix)) {
      return cwd.relativize(abs) + suffix;
    }
    return null;
  }

  static void assertPointsAt(String line, Path graph, int lineNo) {
    assertTrue(
        prefix(line, graph, lineNo) != null,
        () -> "expected the line to start with " + graph + ":" + lineNo + ":, got: " + line);
  }

  static void assertPointsAt(String line, Path graph, int lineNo, int column) {
    assertPointsAt(line, graph, lineNo);
    String rest = line.substring(prefix(line, graph, lineNo).length());
    assertTrue(
        rest.startsWith(column + ":"),
        () -> "expected column " + column + " at " + graph + ":" + lineNo + ", got: " + line);
  }

  static void assertContains(String line, String... fragments) {
    for (String f : fragments) {
      assertTrue(line.contains(f), () -> "expected '" + f + "' in: " + line);
    }
  }

  static void assertExit(int expected, Result r) {
    assertEquals(expected, r.code(), () -> "unexpected exit code:\n" + r);
  }
}
