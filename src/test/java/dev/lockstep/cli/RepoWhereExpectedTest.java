package dev.lockstep.cli;

import static dev.lockstep.cli.Cli.assertContains;
import static dev.lockstep.cli.Cli.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph in {@code graph/} of the repo it describes needs no {@code path:}; every other repo must
 * say where it is (or {@code url:} alone); a gate that checked nothing fails unless told.
 */
class RepoWhereExpectedTest {
  @TempDir Path tmp;

  private static final String CHART =
      "apiVersion: v2\nname: app-chart\nversion: 1.0.0\nappVersion: \"1.0.0\"\n";

  private Path appWithGraph(String graph) {
    try (GitFixture git = GitFixture.init(tmp.resolve("app"))) {
      git.write("chart/Chart.yaml", CHART)
          .write("README.md", "Install app v1.0.0.\n")
          .write("graph/lockstep.yaml", graph)
          .commit("app 1.0.0")
          .tag("v1.0.0");
    }
    return tmp.resolve("app/graph/lockstep.yaml");
  }

  private static final String ARTIFACTS =
      """
      artifacts:
        app-chart: { kind: chart, repo: app, path: chart, version: "{version}", appVersion: "{version}" }
        readme:
          kind: file
          repo: app
          path: README.md
          uses:
            - to: app
              at: [ { file: README.md, regex: 'Install app (?<version>v[0-9.]+[0-9])' } ]
      """;

  @Test
  void theRepoHoldingTheGraphNeedsNoPath() throws Exception {
    Path graph = appWithGraph("lockstep: 1\nrepos:\n  app: {}\n" + ARTIFACTS);
    Cli.Result r = Cli.verify(graph);
    assertExit(0, r);
    assertContains(r.out(), "3 places");
  }

  @Test
  void anyOtherRepoMustSayWhereItIs_withTheLineToWrite() throws Exception {
    Path graph =
        appWithGraph(
            "lockstep: 1\nrepos:\n  app: {}\n  lib: { tag: \"v{version}\" }\n" + ARTIFACTS);
    Cli.Result r = Cli.verify(graph);
    assertExit(2, r);
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), r.err());
    assertContains(
        lines.get(0),
        "repos.lib",
        "repo lib has no path:",
        "only the repo that holds the graph file (app",
        "(path: ../../lib)",
        "url: alone");
  }

  @Test
  void urlAloneMeansNotCheckedOutHere_andAGateThatCheckedNothingFails() throws Exception {
    Files.createDirectories(tmp.resolve("g"));
    Path graph = tmp.resolve("g/lockstep.yaml");
    Files.writeString(
        graph, "lockstep: 1\nrepos:\n  app: { url: https://example.com/app.git }\n" + ARTIFACTS);
    Cli.Result r = Cli.verify(graph);
    assertExit(2, r);
    List<String> said = r.errLines();
    assertEquals(1, said.size(), r.toString());
    assertContains(
        said.get(0), "verify checked no place", "not checked out: app", "--allow-skipped");
    Cli.Result allowed = Cli.verify(graph, "--allow-skipped", "-v");
    assertExit(0, allowed);
    assertTrue(allowed.out().contains("is not checked out here (url: alone)"), allowed.out());
  }
}
