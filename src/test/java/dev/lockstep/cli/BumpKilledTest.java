package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.GitFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault: {@code lockstep bump} is killed with SIGKILL while it writes the five files of one bump
 * across two repos. The bump runs as its own JVM and stops for good right after the progress line
 * of one step (the test-only main {@link PausingBump}), so the kill lands exactly there: after the
 * Nth file is staged (before the commit), after the commit, after the Nth file is put in place. The
 * next run ({@code verify} or the same {@code bump} again) leaves every file of the bump all-old
 * (killed before the commit) or all-new, no staged or temp file anywhere, and git sees no file but
 * the bumped ones; the hard-linked file keeps its links and the private one its mode.
 */
@Tag("hostile")
class BumpKilledTest {
  static final String OLD = "0.2.0";
  static final String NEW = "0.3.0";

  /** The five bumped files, repo-relative, with their repo. */
  static final List<String> FILES =
      List.of(
          "app/values.yaml",
          "app/deploy/a.yaml",
          "app/deploy/b.yaml",
          "ops/mirror.yaml",
          "ops/secret.yaml");

  static final String GRAPH =
      """
      lockstep: 1
      repos:
        app: { path: .. }
        ops: { path: ../../ops }
      artifacts:
        lib:
          kind: image
          name: ghcr.io/example/lib
        app-config:
          kind: file
          repo: app
          uses:
            - to: lib
              at:
                - { file: values.yaml, yaml: .image.tag }
                - { file: deploy/a.yaml, yaml: .image.tag }
                - { file: deploy/b.yaml, yaml: .image.tag }
        ops-config:
          kind: file
          repo: ops
          uses:
            - to: lib
              at:
                - { file: mirror.yaml, yaml: .image.tag }
                - { file: secret.yaml, yaml: .image.tag }
      """;

  @TempDir Path dir;

  /** Where to stop, and which command runs next. */
  record Case(String pauseAfter, String next) {
    boolean beforeCommit() {
      return pauseAfter.startsWith("staging ");
    }

    @Override
    public String toString() {
      return "killed after '" + pauseAfter + "', then " + next;
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    List<String> points = new ArrayList<>();
    for (int i = 1; i <= FILES.size(); i++) {
      points.add("staging " + i + "/" + FILES.size());
    }
    points.add("staged " + FILES.size() + " file(s)");
    for (int i = 1; i <= FILES.size(); i++) {
      points.add("wrote " + i + "/" + FILES.size());
    }
    for (String p : points) {
      out.add(new Case(p, "verify"));
      out.add(new Case(p, "bump"));
    }
    return out;
  }

  static String yaml(String note, String version) {
    return "# " + note + "\nimage:\n  repository: ghcr.io/example/lib\n  tag: " + version + "\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyFileEndsAllOldOrAllNew(Case c) throws Exception {
    Path app = dir.resolve("app");
    Path ops = dir.resolve("ops");
    try (GitFixture a = GitFixture.init(app);
        GitFixture o = GitFixture.init(ops)) {
      a.write("graph/lockstep.yaml", GRAPH);
      for (String f : FILES) {
        (f.startsWith("app/") ? a : o).write(f.substring(4), yaml(f, OLD));
      }
      // A second name of the same file, and a file only its owner may read.
      Files.createDirectories(ops.resolve("linked"));
      Files.createLink(ops.resolve("linked/mirror.yaml"), ops.resolve("mirror.yaml"));
      Files.setPosixFilePermissions(
          ops.resolve("secret.yaml"), PosixFilePermissions.fromString("rw-------"));
      a.commit("Add app");
      o.commit("Add ops");
    }
    Path graph = app.resolve("graph/lockstep.yaml");

    Killed k = bumpAndKill(graph, c.pauseAfter());
    assertTrue(k.killed(), () -> "the bump was not killed where asked:\n" + k.stderr());

    Cli.Result next =
        c.next().equals("verify")
            ? Cli.verify(graph)
            : Cli.run("bump", "--graph", graph.toString(), "lib", NEW);
    Cli.assertNoStackTrace(next);
    assertTrue(next.code() == 0 || next.code() == 1, next::toString);
    boolean expectNew = c.next().equals("bump") || !c.beforeCommit();
    if (c.next().equals("verify")) {
      String said =
          c.beforeCommit() ? "discarded an interrupted write" : "completed an interrupted";
      assertTrue(next.err().contains(said), next::toString);
    }

    Map<String, String> versions = new LinkedHashMap<>();
    for (String f : FILES) {
      String text = Files.readString(dir.resolve(f), StandardCharsets.UTF_8);
      versions.put(f, text.equals(yaml(f, NEW)) ? NEW : text.equals(yaml(f, OLD)) ? OLD : text);
    }
    Set<String> seen = new TreeSet<>(versions.values());
    assertEquals(Set.of(expectNew ? NEW : OLD), seen, () -> c + ": " + versions + "\n" + next);

    assertTrue(
        Files.isSameFile(ops.resolve("mirror.yaml"), ops.resolve("linked/mirror.yaml")),
        "the hard link was split");
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(ops.resolve("secret.yaml"))));
    assertEquals(List.of(), leftovers(), c::toString);
    for (Path repo : List.of(app, ops)) {
      try (Git git = Git.open(repo.toFile())) {
        Status s = git.status().call();
        assertEquals(Set.of(), s.getUntracked(), () -> repo + ": untracked after " + c);
        Set<String> modified = new TreeSet<>(s.getModified());
        Set<String> expected = new TreeSet<>();
        if (expectNew) {
          String prefix = repo.getFileName() + "/";
          FILES.stream()
              .filter(f -> f.startsWith(prefix))
              .forEach(f -> expected.add(f.substring(prefix.length())));
          if (repo.equals(ops)) {
            expected.add("linked/mirror.yaml");
          }
        }
        assertEquals(expected, modified, () -> repo + ": modified after " + c);
      }
    }
  }

  /** Staged copies, journals and temp files anywhere in the workspace, git folders included. */
  List<String> leftovers() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.map(p -> dir.relativize(p).toString())
          .filter(
              p ->
                  p.contains("lockstep-staging")
                      || p.endsWith(".lockstep-tmp")
                      || p.endsWith(".journal"))
          .toList();
    }
  }

  record Killed(boolean killed, String stderr) {}

  /**
   * {@code lockstep bump --progress lib 0.3.0} in its own JVM, told to stop after the step whose
   * line contains {@code pauseAfter}; SIGKILL as soon as that line is on stderr.
   */
  Killed bumpAndKill(Path graph, String pauseAfter) throws Exception {
    Path err = dir.resolve("bump-stderr.txt");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.lockstep.cli.PausingBump",
            pauseAfter,
            "bump",
            "--progress",
            "--graph",
            graph.toString(),
            "lib",
            NEW);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("bump-stdout.txt").toFile())
            .redirectError(err.toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    boolean killed = false;
    try {
      while (System.nanoTime() < deadline && p.isAlive()) {
        String text = Files.readString(err, StandardCharsets.UTF_8);
        if (text.lines().anyMatch(l -> l.contains(pauseAfter))) {
          p.destroyForcibly(); // SIGKILL
          killed = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 137;
          break;
        }
        p.waitFor(5, TimeUnit.MILLISECONDS);
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    return new Killed(killed, Files.readString(err, StandardCharsets.UTF_8));
  }
}
