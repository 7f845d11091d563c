package dev.lockstep.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.survey.Survey;
import dev.lockstep.testing.KubestellarWorkspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner on the KubeStellar workspace: exactly the declared places move, nothing else. */
class PlannerTest {
  @TempDir Path tmp;

  private Plan plan(String repo, String version) {
    ReleaseGraph graph = GraphLoader.load(KubestellarWorkspace.create(tmp));
    return Planner.plan(graph, Survey.of(graph), ArtifactId.of(repo), Version.of(version));
  }

  /** Lines that differ between two texts: the rewrite must touch only version characters. */
  private static void onlyVersionsChange(Action.RewriteFile r, String from, String to) {
    String[] a = r.before().split("\n", -1);
    String[] b = r.after().split("\n", -1);
    assertEquals(a.length, b.length, r.path());
    for (int i = 0; i < a.length; i++) {
      if (!a[i].equals(b[i])) {
        assertTrue(
            a[i].contains(from) || a[i].contains("0.1.0"), r.path() + ":" + (i + 1) + " " + a[i]);
        assertTrue(b[i].contains(to), r.path() + ":" + (i + 1) + " " + b[i]);
      }
    }
  }

  @Test
  void regularReleaseRewritesSelfReferencesAndChartVersions_only() {
    Plan plan = plan("kubestellar", "0.30.0");
    assertEquals("v0.30.0", plan.tag());
    assertEquals("release-0.30.0", plan.releaseBranch());
    List<Action.RewriteFile> rewrites = plan.actions(Action.RewriteFile.class);
    assertFalse(rewrites.isEmpty());
    for (Action.RewriteFile r : rewrites) {
      onlyVersionsChange(r, "0.29.0", "0.30.0");
      assertFalse(
          r.after().contains("0.1.12") != r.before().contains("0.1.12"),
          "a pin of another repo moved: " + r.path());
    }
    assertTrue(
        rewrites.stream().anyMatch(r -> r.path().endsWith("Chart.yaml")),
        "chart versions are stamped");
    assertTrue(
        rewrites.stream().anyMatch(r -> r.path().equals("docs/mkdocs.yml")),
        "stamp: regular moves on a regular release");
  }

  @Test
  void preReleaseLeavesTheLatestRegularReleaseAlone() {
    Plan plan = plan("kubestellar", "0.30.0-rc.1");
    Action.RewriteFile mkdocs =
        plan.actions(Action.RewriteFile.class).stream()
            .filter(r -> r.path().equals("docs/mkdocs.yml"))
            .findFirst()
            .orElseThrow();
    assertTrue(mkdocs.after().contains("ks_latest_release: '0.30.0-rc.1'"), mkdocs.after());
    assertTrue(mkdocs.after().contains("ks_latest_regular_release: '0.29.0'"), mkdocs.after());
  }

  @Test
  void stepsComeInReleaseOrder() {
    List<Action> actions = plan("kubestellar", "0.30.0").actions();
    int commit = index(actions, Action.ReleaseCommit.class);
    int firstPublishChart = index(actions, Action.PublishChart.class);
    int tag = index(actions, Action.Tag.class);
    int push = index(actions, Action.PushGit.class);
    assertTrue(
        commit < firstPublishChart && firstPublishChart < tag && tag < push, actions.toString());
    int lastPublishImage = -1;
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i) instanceof Action.PublishImage) {
        lastPublishImage = i;
      }
    }
    assertTrue(lastPublishImage < firstPublishChart, "images are published before charts");
  }

  @Test
  void versionNotNewerIsRefused() {
    BadInputException e =
        assertThrows(BadInputException.class, () -> plan("kubestellar", "0.28.5"));
    assertTrue(e.getMessage().contains("not newer"), e.getMessage());
  }

  @Test
  void planIsDeterministic() {
    ReleaseGraph graph = GraphLoader.load(KubestellarWorkspace.create(tmp));
    Plan a =
        Planner.plan(graph, Survey.of(graph), ArtifactId.of("kubestellar"), Version.of("0.30.0"));
    Plan b =
        Planner.plan(graph, Survey.of(graph), ArtifactId.of("kubestellar"), Version.of("0.30.0"));
    assertEquals(PlanPrinter.text(a), PlanPrinter.text(b));
  }

  private static int index(List<Action> actions, Class<?> type) {
    for (int i = 0; i < actions.size(); i++) {
      if (type.isInstance(actions.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + actions);
  }
}
