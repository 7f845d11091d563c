package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Query;
import dev.lockstep.model.Reference;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.Version;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped KubeStellar example loads cleanly and says what it is meant to say. */
class KubestellarExampleTest {
  static final Path EXAMPLE =
      Path.of(System.getProperty("basedir", ".")).resolve("graph/examples/kubestellar.yaml");

  private static ReleaseGraph load() {
    try {
      return GraphLoader.load(EXAMPLE);
    } catch (BadInputException e) {
      fail("the example has problems:\n" + e.getMessage());
      throw e;
    }
  }

  @Test
  void loadsWithoutProblems() {
    ReleaseGraph g = load();
    assertEquals(
        Set.of("kubestellar", "kubeflex", "ocm-status-addon", "ocm-transport-plugin"),
        ids(g.repos().keySet()));
    assertTrue(g.artifacts().size() >= 20, "artifacts: " + g.artifacts().keySet());
    Path dir = EXAMPLE.toAbsolutePath().normalize().getParent();
    assertEquals(
        dir.resolve("ws/kubestellar"), g.repo(ArtifactId.of("kubestellar")).orElseThrow().root());
  }

  @Test
  void usesEveryLocatorKindAndSelector() {
    ReleaseGraph g = load();
    Set<String> kinds = new HashSet<>();
    boolean byIndex = false;
    boolean byField = false;
    boolean counted = false;
    boolean all = false;
    boolean locatorFormat = false;
    for (Reference r : g.references()) {
      for (Locator l : r.at()) {
        if (l.chartField().isPresent()) {
          kinds.add("chart");
        } else if (l.query() instanceof Query.Yaml y) {
          kinds.add("yaml");
          if (y.document().isPresent()) {
            byIndex |= y.document().get() instanceof Query.DocumentSelector.ByIndex;
            byField |= y.document().get() instanceof Query.DocumentSelector.ByField;
          }
          if (y.steps().stream().anyMatch(s -> s instanceof Query.YamlStep.Match)) {
            kinds.add("yaml[key=value]");
          }
          if (y.steps().stream().anyMatch(s -> s instanceof Query.YamlStep.Index)) {
            kinds.add("yaml[n]");
          }
        } else if (l.query() instanceof Query.Json) {
          kinds.add("json");
        } else if (l.query() instanceof Query.Regex) {
          kinds.add("regex");
        }
        counted |= !l.count().all() && l.count().n() > 1;
        all |= l.count().all();
        locatorFormat |= l.format().isPresent();
      }
    }
    assertEquals(Set.of("yaml", "yaml[key=value]", "yaml[n]", "json", "regex", "chart"), kinds);
    assertTrue(byIndex && byField, "document selectors by index and by key=value");
    assertTrue(counted && all && locatorFormat, "count:, all: and a locator format");
  }

  @Test
  void modelsTheSeedDocument() {
    ReleaseGraph g = load();
    ChartArtifact core = (ChartArtifact) artifact(g, "core-chart");
    assertEquals("core-chart/Chart.yaml", core.chartYaml());
    assertEquals(List.of(ArtifactId.of("kubeflex-chart")), core.dependencies());
    assertEquals("0.1.0", core.versionPlaceholder().orElseThrow());

    ChartArtifact osa = (ChartArtifact) artifact(g, "osa-chart");
    assertEquals("v{version}", osa.versionFormat().template());
    assertEquals("ghcr.io/kubestellar/ocm-status-addon-chart", osa.publishPath().orElseThrow());

    ImageArtifact clusteradm = (ImageArtifact) artifact(g, "clusteradm-image");
    assertTrue(clusteradm.isExternal());
    assertEquals(Version.of("0.8.2"), clusteradm.pinned().orElseThrow());
    assertEquals(Version.of("3.14.0"), artifact(g, "helm-image").pinned().orElseThrow());

    ImageArtifact otc = (ImageArtifact) artifact(g, "otc-image");
    assertTrue(otc.build().isPresent());
    assertFalse(
        ((ImageArtifact) artifact(g, "kcm-image")).build().isPresent(), "built by another tool");

    // The placeholder reference of the KCM chart reads its own Chart.yaml.
    Reference kcmImage = artifact(g, "kcm-chart").uses().get(0);
    assertEquals(Policy.PLACEHOLDER, kcmImage.policy());
    assertEquals("chart/Chart.yaml", kcmImage.at().get(0).file());

    // The "latest regular release" of the docs moves only on regular releases.
    assertTrue(
        artifact(g, "docs-config").uses().stream().anyMatch(r -> r.stamp() == Stamp.REGULAR));

    // Step-by-step setup is out of service, and says why.
    assertTrue(
        artifact(g, "setup-step-by-step").disabled().orElseThrow().contains("out of service"));

    // The e2e-local setup uses the local checkout on purpose.
    assertTrue(
        artifact(g, "e2e-local").uses().stream()
            .anyMatch(r -> r.unversioned().orElse("").equals("uses the local checkout")));

    // The doc-only cycle of the seed: ocm-status-addon docs -> kubestellar -> ocm-status-addon
    // chart.
    assertTrue(
        g.referencesTo(ArtifactId.of("kubestellar")).stream()
            .anyMatch(
                r ->
                    g.artifact(r.from())
                        .flatMap(Artifact::repo)
                        .orElseThrow()
                        .value()
                        .equals("ocm-status-addon")));
    assertTrue(g.dependents(ArtifactId.of("osa-chart")).contains(ArtifactId.of("ocm-hook")));
  }

  private static Artifact artifact(ReleaseGraph g, String id) {
    return g.artifact(ArtifactId.of(id)).orElseThrow(() -> new AssertionError("no artifact " + id));
  }

  private static Set<String> ids(Set<ArtifactId> ids) {
    Set<String> out = new HashSet<>();
    ids.forEach(i -> out.add(i.value()));
    return out;
  }
}
