package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.ReleaseGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Inputs that used to be accepted silently or reported at the wrong place. */
class LoaderEdgeCasesTest {
  private static final Path FILE = Path.of("/tmp/g/graph.yaml");

  private static String problem(String text) {
    return assertThrows(BadInputException.class, () -> GraphLoader.parse(FILE, text)).getMessage();
  }

  @Test
  void anIdWithADotIsReportedAtItsOwnLine() {
    String msg =
        problem(
            """
        lockstep: 1
        repos: {}
        artifacts:
          kcm.image:
            kind: image
            repo: nowhere
            name: ghcr.io/x/y
        """);
    assertTrue(msg.startsWith(FILE + ":6:"), msg);
  }

  @Test
  void aSecondYamlDocumentIsAProblem() {
    String msg = problem("lockstep: 1\nrepos: {}\nartifacts: {}\n---\nlockstep: 1\n");
    assertTrue(msg.startsWith(FILE + ":5:") && msg.contains("one YAML document"), msg);
  }

  @Test
  void aNumericPlaceholderMustBeQuoted() {
    String msg =
        problem(
            """
        lockstep: 1
        repos: { app: { path: . } }
        artifacts:
          c: { kind: chart, repo: app, path: chart, placeholder: 1.10 }
        """);
    assertTrue(msg.contains("quote it") && msg.contains("1.1"), msg);
  }

  @Test
  void literalPolicyWithAPlaceholderAndAnEmptyUnversionedReasonAreProblems() {
    String msg =
        problem(
            """
        lockstep: 1
        repos: { app: { path: . } }
        artifacts:
          f:
            kind: file
            repo: app
            uses:
              - { to: app, policy: literal, placeholder: "0.0.0", at: [ { file: a, regex: '(?<version>x)' } ] }
              - { to: app, unversioned: "" }
        """);
    assertTrue(msg.contains("contradicts"), msg);
    assertTrue(msg.contains("needs a reason"), msg);
  }

  @Test
  void chartPathsAreNormalized() {
    ReleaseGraph g =
        GraphLoader.parse(
            FILE,
            """
        lockstep: 1
        repos: { app: { path: . } }
        artifacts:
          c: { kind: chart, repo: app, path: ./chart/, placeholder: "0.0.0",
               uses: [ { to: app, at: [ { chart: appVersion } ] } ] }
        """);
    ChartArtifact c = (ChartArtifact) g.artifact(ArtifactId.of("c")).orElseThrow();
    assertEquals("chart/Chart.yaml", c.chartYaml());
    assertEquals("chart/Chart.yaml", c.uses().get(0).at().get(0).file());
  }
}
