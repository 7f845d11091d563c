package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.ChildLockstep;
import dev.lockstep.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify is a read-only gate, run first on a fresh machine (a CI runner): it must write nothing, in
 * the repo (its {@code .git} included) or in the user's home. JGit, left to itself, measures each
 * file store's timestamp resolution on first use there: about 3 s of probe files written into
 * {@code .git}, then the result saved to {@code $XDG_CONFIG_HOME/jgit/config}. Checked in a
 * separate JVM whose home is an empty folder, by every file's and folder's size and mtime.
 */
class VerifyWritesNothingTest {
  @TempDir Path tmp;

  @Test
  void aFreshMachineGetsNoFileWrittenAnywhere() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    GitFixture repo =
        GitFixture.init(tmp.resolve("app"))
            .write("chart/Chart.yaml", "apiVersion: v2\nname: app-chart\nversion: 0.1.0\n")
            .write(
                "README.md", "helm install app oci://ghcr.io/example/app-chart --version 0.1.0\n")
            .commit("app 0.1.0")
            .tag("v0.1.0");
    repo.close();
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          app: { path: app, tag: 'v{version}' }
        artifacts:
          app-chart: { kind: chart, repo: app, path: chart, publish: "oci://ghcr.io/example/app-chart" }
          readme:
            kind: file
            repo: app
            path: README.md
            uses:
              - to: app-chart
                at: [ { file: README.md, regex: 'app-chart --version (?<version>[0-9.]+)' } ]
        """);
    Map<String, String> before = snapshot(tmp);
    Path out = Files.createTempFile("verify", ".out"); // outside the folder watched

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-XX:-UsePerfData", // the JVM's own perf file lives in /tmp, not in the case
                    "-Duser.home=" + home,
                    "-cp",
                    System.getProperty("java.class.path"),
                    ChildLockstep.MAIN,
                    "verify",
                    "--graph",
                    graph.toString()))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "verify did not finish");
    assertEquals(0, p.exitValue(), Files.readString(out));

    Map<String, String> after = snapshot(tmp);
    assertEquals(List.of(), changes(before, after), "verify wrote into the workspace or the home");
  }

  /** The paths whose entry differs, each with its entries before and after. */
  private static List<String> changes(Map<String, String> before, Map<String, String> after) {
    Map<String, String> all = new TreeMap<>(before);
    all.putAll(after);
    return all.keySet().stream()
        .filter(k -> !java.util.Objects.equals(before.get(k), after.get(k)))
        .map(k -> "/" + k + ": " + before.get(k) + " -> " + after.get(k))
        .toList();
  }

  /** Every path under {@code root} with its kind, size and modification time. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.put(
            root.relativize(p).toString(),
            (a.isDirectory() ? "dir " : a.size() + " bytes ") + a.lastModifiedTime());
      }
    }
    return out;
  }
}
