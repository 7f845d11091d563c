package dev.lockstep.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --online} against a real registry, real git remotes and a chart pushed with Helm.
 */
@Order(5) // among the longest classes: start early
class VerifyOnlineTest {

  @TempDir Path tmp;

  @Test
  void everythingPublishedIsClean() throws Exception {
    try (ReleasedApp r = ReleasedApp.create(tmp)) {
      ReleasedApp.Run run = r.verifyOnline();
      assertEquals(0, run.code(), run::toString);
      assertTrue(run.linesWith("online.").isEmpty(), run::toString);
      assertTrue(run.out().contains("ok: 0 errors"), run::toString);
    }
  }

  @Test
  void aMissingImageTagIsReportedAtThePlaceThatNamesIt() throws Exception {
    ReleasedApp.Knobs k = new ReleasedApp.Knobs();
    k.pushImage = false;
    try (ReleasedApp r = ReleasedApp.create(tmp, k)) {
      ReleasedApp.Run run = r.verifyOnline();
      assertEquals(1, run.code(), run::toString);
      List<String> missing = run.linesWith("error[online.missing]");
      assertEquals(1, missing.size(), run::toString);
      String line = missing.get(0);
      assertTrue(line.startsWith(r.values() + ":" + ReleasedApp.VALUES_TAG_LINE + ":"), line);
      assertTrue(
          line.contains("app-chart -> app-image: " + r.reg() + "/acme/app:1.0.0 does not exist"),
          line);
      assertTrue(run.linesWith("online.unreachable").isEmpty(), run::toString);
    }
  }

  @Test
  void aStoppedRegistryIsAnErrorNeverAPass() throws Exception {
    try (ReleasedApp r = ReleasedApp.create(tmp)) {
      r.registry.stop();
      ReleasedApp.Run run = r.verifyOnline();
      assertEquals(1, run.code(), run::toString);
      List<String> unreachable = run.linesWith("error[online.unreachable]");
      // the image, the chart and the external tool (named at one place and pinned by the graph: one
      // lookup)
      assertEquals(3, unreachable.size(), run::toString);
      assertTrue(
          unreachable.stream()
              .allMatch(l -> l.contains("registry " + r.reg() + " is not reachable")),
          run::toString);
      assertTrue(run.linesWith("online.missing").isEmpty(), run::toString);
      assertFalse(run.out().contains("ok: "), run::toString);
      // the git lookup of lib does not need the registry and still passes: no finding about it
      assertTrue(run.linesWith("tag v0.3.0").isEmpty(), run::toString);
    }
  }

  @Test
  void aMissingGitTagIsFoundWithLsRemote() throws Exception {
    ReleasedApp.Knobs k = new ReleasedApp.Knobs();
    k.libVersionInDocs = "v0.4.0";
    try (ReleasedApp r = ReleasedApp.create(tmp, k)) {
      ReleasedApp.Run run = r.verifyOnline();
      assertEquals(1, run.code(), run::toString);
      List<String> missing = run.linesWith("error[online.missing]");
      assertEquals(1, missing.size(), run::toString);
      assertTrue(missing.get(0).startsWith(r.docs() + ":5:"), missing.get(0));
      assertTrue(
          missing
              .get(0)
              .contains("install-doc -> lib: tag v0.4.0 of lib does not exist on " + r.libRemote),
          missing.get(0));
    }
  }

  @Test
  void eachDistinctVersionIsLookedUpOnce() throws Exception {
    try (ReleasedApp r = ReleasedApp.create(tmp)) {
      ReleaseGraph graph = GraphLoader.load(r.graph);
      OnlineOptions options = OnlineOptions.of(java.util.Optional.of(r.reg()), List.of());
      try (Lookups lookups = new Lookups(options)) {
        OnlineCheck.Result result = OnlineCheck.run(graph, Survey.of(graph).readings(), lookups);
        assertTrue(result.findings().isEmpty(), result.findings()::toString);
        // places: values tag, docs --version, LIB_VERSION, docs tool tag, the graph's tool pin
        assertEquals(5, result.places());
        // the tool is named in docs and pinned in the graph at the same version: one lookup
        assertEquals(4, result.lookups());
        assertEquals(4, lookups.asked());
      }
    }
  }

  @Test
  void registryOptionsNeedOnline() throws Exception {
    try (ReleasedApp r = ReleasedApp.create(tmp)) {
      ReleasedApp.Run run =
          ReleasedApp.run("verify", "--graph", r.graph.toString(), "--registry", r.reg());
      assertEquals(2, run.code(), run::toString);
      assertTrue(run.err().contains("only apply with --online"), run::toString);
    }
  }
}
