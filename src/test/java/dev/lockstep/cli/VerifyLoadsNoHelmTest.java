package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.ChildLockstep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    List<String> loaded =
        ChildLockstep.loadingClasses(tmp, "verify", "--graph", graph.toString()).classes();
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
