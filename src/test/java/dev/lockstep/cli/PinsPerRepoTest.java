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
 * Two repos of one system pin one tool differently (KubeFlex kubectl 1.27.8, KubeStellar 1.30.14 in
 * its pin file): each repo's places agree with its own pin, a stack file overrides it for one
 * environment, and {@code bump} then {@code verify} is clean.
 */
class PinsPerRepoTest {
  @TempDir Path tmp;

  private static final String GRAPH =
      """
      lockstep: 1
      repos:
        kubeflex: { path: kubeflex }
        kubestellar: { path: kubestellar }
      artifacts:
        kubectl-image:
          kind: image
          name: docker.io/bitnami/kubectl
          external: { version: 1.27.8 }
        kubeflex-values:
          kind: file
          repo: kubeflex
          uses:
            - to: kubectl-image
              at: [ { file: chart/values.yaml, yaml: .kubectl.tag } ]
        kubestellar-versions:
          kind: file
          repo: kubestellar
          uses:
            - to: kubectl-image
              at:
                - { file: default_versions.json, json: /kubectl, pin: true }
                - { file: core-chart/values.yaml, yaml: .kubectl.tag }
                - { file: Pulumi.prod.yaml, yaml: '.config["platform:kubectl"]', override: prod }
      """;

  private Path workspace(String coreValue) throws Exception {
    GitFixture.init(tmp.resolve("kubeflex"))
        .write("chart/values.yaml", "kubectl:\n  tag: 1.27.8\n")
        .commit("kubeflex");
    GitFixture.init(tmp.resolve("kubestellar"))
        .write(
            "default_versions.json", "{\n  \"kubectl\": \"1.30.14\",\n  \"helm\": \"3.14.0\"\n}\n")
        .write("core-chart/values.yaml", "kubectl:\n  tag: " + coreValue + "\n")
        .write("Pulumi.prod.yaml", "config:\n  platform:kubectl: 1.29.3\n")
        .commit("kubestellar");
    return Files.writeString(tmp.resolve("lockstep.yaml"), GRAPH);
  }

  @Test
  void eachRepoAgreesWithItsOwnPinAndTheOverrideMayDiffer() throws Exception {
    Cli.Result r = Cli.verify(workspace("1.30.14"));
    assertExit(0, r);
  }

  @Test
  void aPlaceThatDiffersFromItsRepoPinIsReportedThereNamingThePin() throws Exception {
    Cli.Result r = Cli.verify(workspace("1.30.13"));
    assertExit(1, r);
    List<String> errors = r.outLines().stream().filter(l -> l.contains("error[")).toList();
    assertEquals(1, errors.size(), r::toString);
    assertContains(
        errors.get(0),
        "external.pin-mismatch",
        "core-chart/values.yaml:2:",
        "names 1.30.13 but repo kubestellar pins kubectl-image at 1.30.14",
        "default_versions.json:2:");
  }

  @Test
  void aPlaceNewerThanItsPinIsNeverToldToGoBack() throws Exception {
    Cli.Result r = Cli.verify(workspace("1.31.0"));
    assertExit(1, r);
    assertContains(
        r.out(),
        "names 1.31.0 but repo kubestellar pins kubectl-image at 1.30.14",
        "the place is newer than the pin; move the pin, e.g. lockstep bump kubectl-image 1.31.0");
  }

  @Test
  void bumpMovesThePinsAndLeavesTheOverride() throws Exception {
    Path g = workspace("1.30.14");
    Cli.Result bump = Cli.run("bump", "kubectl-image", "1.31.0", "--graph", g.toString());
    assertExit(0, bump);
    assertTrue(
        Files.readString(tmp.resolve("kubestellar/default_versions.json"))
            .contains("\"kubectl\": \"1.31.0\""));
    assertEquals(
        "kubectl:\n  tag: 1.31.0\n", Files.readString(tmp.resolve("kubeflex/chart/values.yaml")));
    assertEquals(
        "config:\n  platform:kubectl: 1.29.3\n",
        Files.readString(tmp.resolve("kubestellar/Pulumi.prod.yaml")));
    assertTrue(Files.readString(g).contains("external: { version: 1.31.0 }"));
    assertExit(0, Cli.verify(g));
  }

  @Test
  void explainShowsThePinAndTheEnvironmentsEffectiveVersion() throws Exception {
    Path g = workspace("1.30.14");
    Cli.Result r = Cli.run("explain", "kubectl-image", "--graph", g.toString());
    assertExit(0, r);
    assertTrue(
        r.outLines().stream()
            .anyMatch(
                l -> l.contains("default_versions.json:2:") && l.contains("(pin of its repo)")),
        r::toString);
    assertTrue(
        r.outLines().stream()
            .anyMatch(
                l ->
                    l.contains("Pulumi.prod.yaml:2:")
                        && l.contains("effective version in prod: 1.29.3 (override)")),
        r::toString);
  }
}
