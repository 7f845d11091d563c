package dev.lockstep.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.chart.ChartPackager;
import dev.lockstep.exec.chart.ChartPublisher;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.testing.KubestellarWorkspace;
import dev.lockstep.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * audit on the KubeStellar model: the controller-manager chart keeps the placeholder 0.1.0 in git
 * and takes its image tag from {@code appVersion}, stamped only when packaging; the audit must read
 * that place as naming the release (0.29.0), not the placeholder.
 */
class KubestellarAuditTest {

  @TempDir Path tmp;

  @Test
  void theChartsAppVersionPlaceholderNamesTheRelease() throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    Path ks = graph.getParent().resolve("ws/kubestellar");
    String commit;
    try (Git git = Git.open(ks.toFile())) {
      var ref =
          git.getRepository()
              .getRefDatabase()
              .peel(git.getRepository().exactRef("refs/tags/v0.29.0"));
      commit = ref.getPeeledObjectId().name();
    }
    try (LocalRegistry registry = LocalRegistry.start(tmp.resolve("registry"))) {
      String reg = registry.host();
      Files.writeString(tmp.resolve("bin"), "binary\n");
      ImageBuilder builder = new ImageBuilder(RegistryCredentials.none());
      for (String image : List.of("controller-manager", "ocm-transport-controller")) {
        builder.build(
            new ImageRecipe(
                Optional.empty(),
                List.of(new ImageRecipe.Layer("bin", "/" + image)),
                List.of("/" + image),
                Map.of(),
                Map.of(
                    "org.opencontainers.image.revision",
                    commit,
                    "org.opencontainers.image.version",
                    "0.29.0"),
                Optional.empty(),
                Optional.empty()),
            tmp,
            ImageTarget.registry(reg + "/kubestellar/kubestellar/" + image + ":0.29.0", true),
            tmp.resolve("cache"),
            ProgressListener.NONE);
      }
      Path chart = tmp.resolve("build/chart");
      try (Stream<Path> walk = Files.walk(ks.resolve("chart"))) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          Path to = chart.resolve(ks.resolve("chart").relativize(p).toString());
          Files.createDirectories(to.getParent());
          Files.copy(p, to);
        }
      }
      Path chartYaml = chart.resolve("Chart.yaml");
      Files.writeString(
          chartYaml,
          Files.readString(chartYaml)
              .replaceAll("(?m)^version: .*$", "version: 0.29.0")
              .replaceAll("(?m)^appVersion: .*$", "appVersion: 0.29.0"));
      ChartPublisher.push(
          ChartPackager.packageChart(chart, tmp.resolve("out")).tgz(),
          "oci://" + reg + "/kubestellar/kubestellar",
          true,
          Optional.empty(),
          Instant.EPOCH);

      ReleasedApp.Run run =
          ReleasedApp.run(
              "audit", "kubestellar", "0.29.0", "--graph", graph.toString(), "--registry", reg);
      assertEquals(
          1,
          run.code(),
          run::toString); // the core chart and the external images are not published here
      List<String> lines = run.lines();
      for (String expected :
          List.of(
              "ok   tag v0.29.0: annotated, peels to commit " + commit,
              "skip tag v0.29.0 on origin: the checkout has no origin remote",
              "ok   image "
                  + reg
                  + "/kubestellar/kubestellar/controller-manager:0.29.0: revision "
                  + commit
                  + ", version 0.29.0",
              "ok   image "
                  + reg
                  + "/kubestellar/kubestellar/ocm-transport-controller:0.29.0: revision "
                  + commit
                  + ", version 0.29.0",
              "ok   chart "
                  + reg
                  + "/kubestellar/kubestellar/controller-manager-chart:0.29.0: version 0.29.0,"
                  + " appVersion 0.29.0",
              "FAIL chart " + reg + "/kubestellar/kubestellar/core-chart:0.29.0: does not exist",
              "ok   chart kcm-chart names "
                  + reg
                  + "/kubestellar/kubestellar/controller-manager:0.29.0: exists"
                  + " (named at chart/Chart.yaml:6:13)")) {
        assertTrue(lines.contains(expected), () -> "no line '" + expected + "' in\n" + run);
      }
      assertTrue(run.linesWith("0.1.0").isEmpty(), run::toString);
    }
  }
}
