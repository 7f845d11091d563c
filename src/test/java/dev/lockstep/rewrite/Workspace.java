package dev.lockstep.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A graph file and one repo folder ({@code repo/}, no git needed) in a temporary directory, and the
 * {@code lockstep bump} command run against them in-process.
 *
 * <p>The graph always declares {@code lib}, an external image the graph does not pin (so a bump
 * edits the repo's places only; {@code BumpGraphPinTest} covers the pin), and a file artifact
 * {@code user} in repo {@code app} whose {@code uses:} each test writes.
 */
final class Workspace {
  /** Old enough that any write, even of the same bytes, shows in a file's mtime. */
  static final FileTime OLD = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

  final Path root;
  final Path repo;
  final Path graph;

  Workspace(Path root) {
    this.root = root;
    this.repo = root.resolve("repo");
    this.graph = root.resolve("lockstep.yaml");
    try {
      Files.createDirectories(repo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of {@code src/test/resources/fixtures/rewrite/<name>}, exactly as stored. */
  static String fixture(String name) {
    try (InputStream in = Workspace.class.getResourceAsStream("/fixtures/rewrite/" + name)) {
      if (in == null) {
        throw new AssertionError("no fixture fixtures/rewrite/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} as UTF-8 to {@code repo/<rel>} and returns it. */
  String put(String rel, String text) {
    Path p = repo.resolve(rel);
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text;
  }

  /** Copies a fixture into the repo under its own name. */
  String putFixture(String name) {
    return put(name, fixture(name));
  }

  String read(String rel) {
    try {
      return new String(Files.readAllBytes(repo.resolve(rel)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The standard graph; {@code uses} is the YAML list of {@code user}'s references. */
  void graph(String uses) {
    rawGraph(
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          lib:
            kind: image
            name: ghcr.io/example/lib
          user:
            kind: file
            repo: app
            uses:
        """
            + uses.stripTrailing().indent(6));
  }

  /** A whole graph file of the test's own. */
  void rawGraph(String text) {
    try {
      Files.writeString(graph, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What one run returned and printed. */
  record Run(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** {@code lockstep bump --graph <graph> ARGS...}. */
  Run bump(String... args) {
    List<String> all = new ArrayList<>(List.of("bump", "--graph", graph.toString()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** Runs a bump that must succeed. */
  Run bumpOk(String... args) {
    Run r = bump(args);
    assertEquals(0, r.code(), () -> "bump failed:\n" + r);
    return r;
  }

  /** One file's bytes, mtime and permissions. */
  record FileState(String bytes, FileTime mtime, Set<PosixFilePermission> permissions) {
    @Override
    public String toString() {
      return "mtime " + mtime + ", " + permissions + ", " + bytes.length() + " bytes";
    }
  }

  /** Every file under the workspace root (graph and repo), by relative path. */
  Map<String, FileState> snapshot() {
    Map<String, FileState> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(p).toString(),
            new FileState(
                new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1),
                Files.getLastModifiedTime(p),
                Files.getPosixFilePermissions(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Sets every file's mtime to {@link #OLD}, so that a rewrite cannot hide in the same second. */
  void age() {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(p, OLD);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Temp files lockstep's atomic writes could leave behind. */
  List<String> leftovers() {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".lockstep-tmp"))
          .map(p -> root.relativize(p).toString())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code text} with {@code oldValue} replaced by {@code newValue} where it stands inside the only
   * occurrence of {@code context}: the one span a byte-minimal bump may change.
   */
  static String replaceIn(String text, String context, String oldValue, String newValue) {
    int c = text.indexOf(context);
    assertTrue(c >= 0, () -> "bad test: no '" + context + "' in the file");
    assertEquals(
        -1, text.indexOf(context, c + 1), () -> "bad test: '" + context + "' is not unique");
    int v = context.indexOf(oldValue);
    assertTrue(
        v >= 0 && context.indexOf(oldValue, v + 1) < 0,
        () -> "bad test: '" + oldValue + "' not once in '" + context + "'");
    int start = c + v;
    return text.substring(0, start) + newValue + text.substring(start + oldValue.length());
  }

  /** Line breaks made visible, so that a failure shows a stray carriage return. */
  static String visible(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n\n");
  }
}
