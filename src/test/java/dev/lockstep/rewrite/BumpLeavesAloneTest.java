package dev.lockstep.rewrite;

import static dev.lockstep.rewrite.Workspace.replaceIn;
import static dev.lockstep.rewrite.Workspace.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bump} must not move: placeholders (git keeps them; only a release commit carries the
 * version), a chart's own {@code Chart.yaml} version and appVersion (stamped by release), and a
 * {@code stamp: regular} reference when the new version is a pre-release.
 */
class BumpLeavesAloneTest {
  private static final String GRAPH =
      """
      lockstep: 1
      repos:
        app: { path: repo }
      artifacts:
        lib-chart:
          kind: chart
          repo: app
          path: charts/lib
          publish: oci://ghcr.io/example/charts/lib
          version: "{version}"
          appVersion: "{version}"
        umbrella:
          kind: chart
          repo: app
          path: charts/umbrella
          publish: oci://ghcr.io/example/charts/umbrella
          version: "{version}"
          placeholder: "0.1.0"
          uses:
            - to: lib-chart
              at: [ { file: charts/umbrella/Chart.yaml, yaml: '.dependencies[name=lib].version' } ]
            - to: lib-chart
              placeholder: "0.0.0"
              at: [ { file: charts/umbrella/values.yaml, yaml: .lib.version } ]
        install-doc:
          kind: file
          repo: app
          path: docs/install.md
          uses:
            - to: lib-chart
              stamp: regular
              at: [ { file: docs/install.md, regex: 'latest regular release is (?<version>\\S+):' } ]
      """;

  @TempDir Path dir;
  Workspace ws;

  @BeforeEach
  void setUp() {
    ws = new Workspace(dir);
    ws.putFixture("charts/lib/Chart.yaml");
    ws.putFixture("charts/umbrella/Chart.yaml");
    ws.putFixture("charts/umbrella/values.yaml");
    ws.putFixture("docs/install.md");
    ws.rawGraph(GRAPH);
    ws.age();
  }

  /**
   * The literal dependency moves; lib's own Chart.yaml and the umbrella's placeholder version stay
   * byte for byte.
   */
  @Test
  void chartVersionsAreLeftToRelease(TestInfo test) {
    Map<String, Workspace.FileState> before = ws.snapshot();
    String umbrella = ws.read("charts/umbrella/Chart.yaml");
    ws.bumpOk("lib-chart", "0.3.0");
    String expected = replaceIn(umbrella, "name: lib\n    version: 0.2.0", "0.2.0", "0.3.0");
    assertEquals(visible(expected), visible(ws.read("charts/umbrella/Chart.yaml")));
    Golden.assertMatches(test, ws.read("charts/umbrella/Chart.yaml"));
    Map<String, Workspace.FileState> after = ws.snapshot();
    assertEquals(
        before.get("repo/charts/lib/Chart.yaml"),
        after.get("repo/charts/lib/Chart.yaml"),
        "lib's own version and appVersion are stamped by release, not by bump");
  }

  @Test
  void placeholderStaysAPlaceholder() {
    Map<String, Workspace.FileState> before = ws.snapshot();
    ws.bumpOk("lib-chart", "0.3.0");
    assertEquals(
        before.get("repo/charts/umbrella/values.yaml"),
        ws.snapshot().get("repo/charts/umbrella/values.yaml"),
        "values.yaml holds the placeholder 0.0.0");
  }

  /** Only literal references moved: exactly the umbrella's Chart.yaml and the doc, nothing else. */
  @Test
  void onlyLiteralReferencesAreWritten() {
    Map<String, Workspace.FileState> before = ws.snapshot();
    Workspace.Run r = ws.bumpOk("lib-chart", "0.3.0");
    assertEquals(List.of("changed 2 file(s)"), r.errLines(), r::toString);
    Map<String, Workspace.FileState> after = ws.snapshot();
    List<String> changed =
        before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).sorted().toList();
    assertEquals(List.of("repo/charts/umbrella/Chart.yaml", "repo/docs/install.md"), changed);
  }

  /** A regular release moves the "latest regular release" doc like any literal reference. */
  @Test
  void stampRegularMovesOnARegularVersion() {
    String doc = ws.read("docs/install.md");
    ws.bumpOk("lib-chart", "0.3.0");
    assertEquals(replaceIn(doc, "release is 0.2.0:", "0.2.0", "0.3.0"), ws.read("docs/install.md"));
  }

  /**
   * A pre-release is not the latest regular release: the doc keeps 0.2.0, the chart dependency
   * moves.
   */
  @Test
  void stampRegularStaysOnAPrerelease() {
    Map<String, Workspace.FileState> before = ws.snapshot();
    String umbrella = ws.read("charts/umbrella/Chart.yaml");
    ws.bumpOk("lib-chart", "0.3.0-rc.1");
    assertEquals(
        replaceIn(umbrella, "name: lib\n    version: 0.2.0", "0.2.0", "0.3.0-rc.1"),
        ws.read("charts/umbrella/Chart.yaml"),
        "a literal reference moves on every release");
    assertEquals(
        before.get("repo/docs/install.md"),
        ws.snapshot().get("repo/docs/install.md"),
        () -> "stamp: regular moved on a pre-release:\n" + ws.read("docs/install.md"));
  }
}
