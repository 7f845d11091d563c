package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify is the pull-request gate and must start fast: it may not load Helm (a 98 MB native
 * library), Jib, or JGit's message texts. Checked in a separate JVM that logs every class it loads.
 */
class VerifyLoadsNoHelmTest {
  @TempDir Path tmp;

  @Test
  void verifyLoadsNeitherHelmNorJib() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("app/chart"));
    Files.writeString(
        repo.resolve("Chart.yaml"), "apiVersion: v2\nname: app-chart\nversion: 0.0.0\n");
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          app: { path: app }
        artifacts:
          app-image: { kind: image, repo: app, name: ghcr.io/example/app, build: { layers: [ { from: chart, to: /chart } ] } }
          app-chart: { kind: chart, repo: app, path: chart, publish: "oci://ghcr.io/example/app-chart", placeholder: 0.0.0 }
        """);
    Path log = tmp.resolve("classes.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xlog:class+load:file=" + log,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.lockstep.cli.Main",
                    "verify",
                    "--graph",
                    graph.toString()))
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("out.txt").toFile())
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "verify did not finish");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("out.txt")));
    List<String> loaded = Files.readAllLines(log);
    assertTrue(loaded.size() > 500, "the class log is empty: " + loaded.size());
    assertTrue(loaded.stream().noneMatch(l -> l.contains("com.marcnuri")), "verify loaded Helm");
    assertTrue(
        loaded.stream().noneMatch(l -> l.contains("com.google.cloud.tools.jib")),
        "verify loaded Jib");
    // JGit is set up (verify reads git), but its cleanup at exit is not registered: verify
    // writes nothing through JGit, and the cleanup's hook loads a thousand message texts first
    assertTrue(loaded.stream().anyMatch(l -> l.contains("org.eclipse.jgit.")), "no JGit at all?");
    assertTrue(
        loaded.stream().noneMatch(l -> l.contains("org.eclipse.jgit.internal.JGitText ")),
        "verify loaded JGit's message texts");
  }
}
