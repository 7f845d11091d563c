package dev.lockstep.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Survey;
import dev.lockstep.testing.KubestellarWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed doc's "amalgamated graph": KubeStellar's four repos, drawn from
 * graph/examples/kubestellar.yaml.
 */
class KubestellarExampleTest {
  private static final List<String> REPOS =
      List.of("kubestellar", "kubeflex", "ocm-status-addon", "ocm-transport-plugin");

  @TempDir Path dir;

  private static void aSubgraphPerRepo(String out) {
    for (String repo : REPOS) {
      String header =
          "    subgraph " + Ids.sanitize(repo + "_repo") + "[\"" + repo + "@GitHub\"]\n";
      assertTrue(out.contains(header), header + " in\n" + out);
      assertTrue(
          out.contains("        " + Ids.sanitize(repo + "_src") + "[\"" + repo + " source\"]\n"),
          out);
    }
    assertEquals(REPOS.size(), out.lines().filter(l -> l.strip().startsWith("subgraph ")).count());
  }

  @Test
  void theExampleAsItStandsDrawsEveryRepoEvenWithNothingCheckedOut() {
    ReleaseGraph g = GraphLoader.load(KubestellarWorkspace.exampleGraph());
    Survey s = Survey.of(g);
    String out = new MermaidRenderer().render(g, s, Optional.empty());
    aSubgraphPerRepo(out);
    // nothing is checked out next to the example: every versioned edge says so
    assertTrue(out.contains("wds_hook -.->|\"not checked out\"| kcm_chart"), out);
    assertTrue(out.contains("e2e_local -.->|\"local\"| ocm_hook"), out);
    assertTrue(out.contains("kcm_image --> kubestellar_src"), out);
    assertTrue(
        out.contains(
            "setup_step_by_step[\"setup-step-by-step<br>file docs/content/direct/setup-step-by-step.md<br>disabled: "),
        out);
    assertTrue(
        out.contains(
            "clusteradm_image[\"clusteradm-image<br>image quay.io/kubestellar/clusteradm<br>external, pinned "
                + KubestellarWorkspace.CLUSTERADM
                + "\"]"),
        out);
  }

  @Test
  void theWorkspaceShowsTheVersionsItsFilesWrite() {
    Path graphFile = KubestellarWorkspace.create(dir);
    ReleaseGraph g = GraphLoader.load(graphFile);
    Survey s = Survey.of(g);
    String out = new MermaidRenderer().render(g, s, Optional.empty());
    aSubgraphPerRepo(out);
    assertTrue(
        out.contains("wds_hook -.->|\"" + KubestellarWorkspace.KUBESTELLAR + "\"| kcm_chart"), out);
    assertTrue(
        out.contains("ocm_hook -.->|\"" + KubestellarWorkspace.CLUSTERADM + "\"| clusteradm_image"),
        out);
    assertTrue(out.contains("kcm_chart_src -.->|\"placeholder 0.1.0\"| kcm_image"), out);
    assertTrue(
        out.contains(
            "osa_chart_src -.->|\"" + KubestellarWorkspace.OCM_STATUS_ADDON + "\"| osa_image"),
        out);
    assertTrue(
        out.contains(
            "osa_docs -.->|\"release-" + KubestellarWorkspace.KUBESTELLAR + "\"| kubestellar_src"),
        out);
    assertTrue(out.contains("kubeflex_chart --> postgresql_chart"), out);

    String dot = new DotRenderer().render(g, s, Optional.empty());
    for (String repo : REPOS) {
      assertTrue(dot.contains("subgraph " + Ids.sanitize("cluster_" + repo) + " {"), dot);
    }

    String focused =
        new MermaidRenderer().render(g, s, Optional.of(ArtifactId.of("ocm-status-addon")));
    assertTrue(focused.contains("subgraph ocm_status_addon_repo"), focused);
    assertTrue(focused.contains("its_hook -.->|"), "its-hook names the OSA chart: " + focused);
    assertTrue(!focused.contains("kubeflex_image"), focused);
  }
}
