package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.survey.Finding;
import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KubeStellar at v0.29.0 names ocm-status-addon's chart at {@code 0.2.0-rc8} and {@code
 * 0.2.0-rc16}; the addon tags {@code v0.2.0-rc1} ... without a dot. The fix a disagreement suggests
 * is the addon's latest release by its own tags, and never a version lower than a place holds.
 */
class SuggestionsNeverDowngradeTest {
  @TempDir Path tmp;

  private Path workspace(List<String> addonTags, boolean addonCheckedOut) throws Exception {
    GitFixture addon =
        GitFixture.init(tmp.resolve("ocm-status-addon")).write("README.md", "addon\n").commit("a");
    for (String t : addonTags) {
      addon.write("VERSION", t + "\n").commit(t).tag(t, t);
    }
    GitFixture.init(tmp.resolve("kubestellar"))
        .write("core-chart/values.yaml", "OCM_STATUS_ADDON_VERSION: 0.2.0-rc8\n")
        .write("scripts/install.sh", "helm install osa --version v0.2.0-rc16\n")
        .commit("ks");
    return Files.writeString(
        tmp.resolve("lockstep.yaml"),
        """
        lockstep: 1
        repos:
          kubestellar: { path: kubestellar }
          ocm-status-addon: { path: %s }
        artifacts:
          osa-chart:
            kind: chart
            repo: ocm-status-addon
            path: chart
            version: "v{version}"
          ks-files:
            kind: file
            repo: kubestellar
            uses:
              - to: osa-chart
                at:
                  - { file: core-chart/values.yaml, yaml: .OCM_STATUS_ADDON_VERSION, format: "{version}" }
                  - { file: scripts/install.sh, regex: '--version (?<version>\\S+)' }
        """
            .formatted(addonCheckedOut ? "ocm-status-addon" : "elsewhere"));
  }

  /** Every fix verify gives on the graph, one per line. */
  private static String fixes(Path graph) {
    return String.join(
        "\n",
        Verifier.verify(GraphLoader.load(graph)).findings().stream().map(Finding::fix).toList());
  }

  private static String fix(Path graph) {
    List<Finding> found =
        Verifier.verify(GraphLoader.load(graph)).findings().stream()
            .filter(f -> f.rule().code().equals("disagreement"))
            .toList();
    assertEquals(1, found.size(), found.toString());
    return found.get(0).fix();
  }

  @Test
  void theTargetsLatestReleaseByItsOwnTagsIsSuggested() throws Exception {
    Path g = workspace(List.of("v0.2.0-rc8", "v0.2.0-rc9", "v0.2.0-rc16", "v0.2.0-rc17"), true);
    String fix = fix(g);
    assertTrue(fix.contains("lockstep bump osa-chart 0.2.0-rc17 to move every reference"), fix);
  }

  @Test
  void anOlderLatestReleaseNeverPullsAPlaceBack() throws Exception {
    Path g = workspace(List.of("v0.2.0-rc8", "v0.2.0-rc9"), true);
    String fix = fix(g);
    assertTrue(fix.contains("lockstep bump osa-chart 0.2.0-rc16 to move every reference"), fix);
  }

  @Test
  void withoutTheCheckoutTheNewestPlaceIsSuggestedNumerically() throws Exception {
    Path g = workspace(List.of(), false);
    String fix = fix(g);
    assertTrue(fix.contains("lockstep bump osa-chart 0.2.0-rc16 to move every reference"), fix);
  }

  @Test
  void anExternalTargetsPinIsItsLatestReleaseButNeverPullsAPlaceBack() throws Exception {
    GitFixture.init(tmp.resolve("platform"))
        .write("a.yaml", "image: ghcr.io/o/tool:1.4.0\n")
        .write("b.yaml", "image: ghcr.io/o/tool:1.2.0\n")
        .commit("platform");
    String graph =
        """
        lockstep: 1
        repos:
          platform: { path: platform }
        artifacts:
          tool:
            kind: image
            name: ghcr.io/o/tool
            external: { version: %s }
          files:
            kind: file
            repo: platform
            uses:
              - to: tool
                format: "ghcr.io/o/tool:{version}"
                at: [ { file: a.yaml, yaml: .image }, { file: b.yaml, yaml: .image } ]
        """;
    Path g = tmp.resolve("lockstep.yaml");
    Files.writeString(g, graph.formatted("1.5.0"));
    // the pin is the latest release: every fix moves places up to it, none names an older one
    String fixes = fixes(g);
    assertTrue(fixes.contains("ghcr.io/o/tool:1.5.0"), fixes);
    assertFalse(fixes.contains("tool 1.2.0") || fixes.contains("tool:1.2.0"), fixes);
    // a place newer than the pin is never told to go back: the pin is to move
    Files.writeString(g, graph.formatted("1.3.0"));
    fixes = fixes(g);
    assertTrue(fixes.contains("move the pin, e.g. lockstep bump tool 1.4.0"), fixes);
    assertFalse(fixes.contains("bump tool 1.3.0") || fixes.contains("bump tool 1.2.0"), fixes);
  }
}
