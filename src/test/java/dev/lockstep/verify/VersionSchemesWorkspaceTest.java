package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real git repos shaped like the systems users run: a Kubernetes platform that writes {@code 1.29},
 * {@code 3.19-alpine}, {@code v1.32.13-k3s1} and SemVer side by side, and a Kratix-style promise
 * whose pipeline image is pinned as {@code main-<sha7>@sha256:...} in two workflows. Every rule
 * fires at the planted line and stays quiet on the clean workspace.
 */
class VersionSchemesWorkspaceTest {
  @TempDir Path tmp;

  static final String D1 = "sha256:" + "4f".repeat(32);
  static final String D2 = "sha256:" + "0f".repeat(32);

  private Path platform() throws Exception {
    GitFixture.init(tmp.resolve("platform"))
        .write(
            "versions.yaml",
            """
            eks: { version: "1.29" }
            addons:
              alpine: 3.19-alpine
              k3s: v1.32.13-k3s1
              certManager: 1.14.4
            """)
        .write(
            "clusters/dev.yaml",
            """
            eksVersion: "1.29"
            k3sImage: rancher/k3s:v1.32.13-k3s1
            alpineImage: alpine:3.19-alpine
            """)
        .commit("platform")
        .tag("v0.1.0");
    GitFixture.init(tmp.resolve("promise"))
        .write(
            "promise.yaml",
            """
            apiVersion: platform.kratix.io/v1alpha1
            kind: Promise
            spec:
              workflows:
                resource:
                  configure:
                    - image: ghcr.io/syntasso/pipeline:main-6ee6b58@%s
                  delete:
                    - image: ghcr.io/syntasso/pipeline:main-6ee6b58@%s
            """
                .formatted(D1, D1))
        .commit("promise")
        .tag("v0.1.0");
    Path graph = tmp.resolve("lockstep.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          platform: { path: platform }
          promise: { path: promise }
        artifacts:
          eks:
            kind: image
            name: public.ecr.aws/eks-distro/kubernetes
            scheme: loose
            external: { version: "1.29" }
          alpine:
            kind: image
            name: alpine
            scheme: loose
            external: { version: 3.19-alpine }
          k3s:
            kind: image
            name: rancher/k3s
            scheme: loose
            external: { version: v1.32.13-k3s1 }
          cert-manager:
            kind: chart
            external: { version: 1.14.4, repository: https://charts.jetstack.io, chart: cert-manager }
          pipeline:
            kind: image
            name: ghcr.io/syntasso/pipeline
            scheme: { pattern: '^main-[0-9a-f]{7}$' }
            external: { version: main-6ee6b58 }
          versions:
            kind: file
            repo: platform
            path: versions.yaml
            uses:
              - to: eks
                at:
                  - { file: versions.yaml, yaml: .eks.version }
                  - { file: clusters/dev.yaml, yaml: .eksVersion }
              - to: alpine
                at:
                  - { file: versions.yaml, yaml: .addons.alpine }
                  - { file: clusters/dev.yaml, yaml: .alpineImage, format: "alpine:{version}" }
              - to: k3s
                at:
                  - { file: versions.yaml, yaml: .addons.k3s }
                  - { file: clusters/dev.yaml, yaml: .k3sImage, format: "rancher/k3s:{version}" }
              - to: cert-manager
                at: [ { file: versions.yaml, yaml: .addons.certManager } ]
          promise-hook:
            kind: hook
            repo: promise
            path: promise.yaml
            uses:
              - to: pipeline
                format: "ghcr.io/syntasso/pipeline:{version}"
                at:
                  - { file: promise.yaml, yaml: ".spec.workflows.resource.configure[0].image" }
                  - { file: promise.yaml, yaml: ".spec.workflows.resource.delete[0].image" }
        """);
    return graph;
  }

  private static List<Finding> errors(Path graph) {
    return Verifier.verify(GraphLoader.load(graph)).findings().stream()
        .filter(f -> f.rule().severity().name().equals("ERROR"))
        .toList();
  }

  private static boolean at(Finding f, String file, int line) {
    return f.locations().stream().anyMatch(l -> l.file().endsWith(file) && l.line() == line);
  }

  private void edit(String repo, String file, String from, String to) throws Exception {
    Path p = tmp.resolve(repo).resolve(file);
    String text = Files.readString(p);
    assertTrue(text.contains(from), from);
    Files.writeString(p, text.replace(from, to));
  }

  @Test
  void cleanWorkspaceWithFourSchemesPasses() throws Exception {
    Path graph = platform();
    assertEquals(List.of(), errors(graph));
  }

  @Test
  void aDigestThatDiffersBetweenTwoPlacesOfOneTagIsADisagreementNamingBoth() throws Exception {
    Path graph = platform();
    String text = Files.readString(tmp.resolve("promise/promise.yaml"));
    int second = text.lastIndexOf(D1);
    Files.writeString(
        tmp.resolve("promise/promise.yaml"),
        text.substring(0, second) + D2 + text.substring(second + D1.length()));
    List<Finding> errors = errors(graph);
    assertEquals(1, errors.size(), errors.toString());
    Finding f = errors.get(0);
    assertEquals("disagreement", f.rule().code());
    assertTrue(f.message().contains("digests of one tag"), f.message());
    assertTrue(at(f, "promise.yaml", 7) && at(f, "promise.yaml", 9), f.locations().toString());
  }

  @Test
  void looseValuesDisagreeWhenTheyDiffer_andASuffixIsPartOfTheValue() throws Exception {
    Path graph = platform();
    edit("platform", "clusters/dev.yaml", "eksVersion: \"1.29\"", "eksVersion: \"1.30\"");
    edit("platform", "clusters/dev.yaml", "alpine:3.19-alpine", "alpine:3.19");
    List<Finding> errors = errors(graph);
    List<String> codes = errors.stream().map(f -> f.rule().code()).toList();
    // one finding per place: a disagreement that is also a pin mismatch is one finding that names
    // both rules
    assertTrue(
        errors.stream()
            .anyMatch(
                f ->
                    (f.rule().code().equals("disagreement")
                            || f.message().contains("also disagreement"))
                        && at(f, "clusters/dev.yaml", 1)),
        errors.toString());
    assertTrue(
        errors.stream()
            .anyMatch(
                f ->
                    (f.rule().code().equals("disagreement")
                            || f.message().contains("also disagreement"))
                        && at(f, "clusters/dev.yaml", 3)),
        errors.toString());
    assertTrue(codes.contains("external.pin-mismatch"), codes.toString());
  }

  private static boolean disagrees(Finding f) {
    return f.rule().code().equals("disagreement") || f.message().contains("also disagreement");
  }

  @Test
  void latestInsideAWholeImageFormatIsFloating_andATaglessReferenceToo() throws Exception {
    Path graph = platform();
    edit("platform", "clusters/dev.yaml", "rancher/k3s:v1.32.13-k3s1", "rancher/k3s:latest");
    edit("platform", "clusters/dev.yaml", "alpine:3.19-alpine", "alpine");
    List<Finding> errors = errors(graph);
    assertEquals(2, errors.size(), errors.toString());
    for (Finding f : errors) {
      assertEquals("value.floating", f.rule().code(), f.toString());
    }
    assertTrue(
        at(errors.get(0), "clusters/dev.yaml", 2) || at(errors.get(1), "clusters/dev.yaml", 2));
    assertTrue(
        at(errors.get(0), "clusters/dev.yaml", 3) || at(errors.get(1), "clusters/dev.yaml", 3));
  }

  @Test
  void aDigestOnlyPinIsValid_andABuildTagOutsideThePatternIsNotAVersion() throws Exception {
    Path graph = platform();
    String text = Files.readString(tmp.resolve("promise/promise.yaml"));
    Files.writeString(
        tmp.resolve("promise/promise.yaml"),
        text.replaceFirst("pipeline:main-6ee6b58@", "pipeline@"));
    assertEquals(List.of(), errors(graph));
    edit("promise", "promise.yaml", "pipeline:main-6ee6b58@", "pipeline:dev-6ee6b58@");
    List<Finding> errors = errors(graph);
    assertEquals(1, errors.size(), errors.toString());
    assertEquals("value.not-a-version", errors.get(0).rule().code());
    assertTrue(at(errors.get(0), "promise.yaml", 9), errors.get(0).locations().toString());
  }

  static String where(Location l) {
    return l.file().getFileName() + ":" + l.line();
  }
}
