package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.Main;
import dev.lockstep.testing.GitFixture;
import dev.lockstep.testing.KubestellarWorkspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The undeclared scan reports literal versions only: shell and template variables after a known
 * name are not versions, and places any artifact declares (a disabled one too) are not undeclared.
 */
class UndeclaredScanNoiseTest {
  @TempDir Path tmp;

  private static final String CHART = "oci://ghcr.io/kubestellar/ocm-status-addon-chart";
  private static final String IMAGE = "ghcr.io/kubestellar/kubestellar/controller-manager";

  private static List<JsonNode> undeclared(Path graph) throws Exception {
    StringWriter out = new StringWriter();
    Main.run(
        new String[] {"verify", "--graph", graph.toString(), "--format", "json"},
        new PrintWriter(out),
        new PrintWriter(new StringWriter()));
    List<JsonNode> hits = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(out.toString()).get("findings")) {
      if (f.get("code").asText().startsWith("undeclared.")) {
        hits.add(f);
      }
    }
    return hits;
  }

  @Test
  void variablesAndTemplatesAfterAKnownNameAreNotVersions() throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    try (GitFixture git = GitFixture.open(KubestellarWorkspace.ws(graph).resolve("kubestellar"))) {
      git.write(
              "hack/install-by-hand.sh",
              String.join(
                  "\n",
                  "#!/bin/sh",
                  "helm install s " + CHART + " --version v${OCM_STATUS_ADDON_VERSION}",
                  "helm install s " + CHART + " --version \"v{{ .Values.osa }}\"",
                  "helm install s " + CHART + " --version v$OSA_VERSION",
                  "helm install s " + CHART + " --version v",
                  "kubectl run x --image " + IMAGE + ":v${KCM_TAG}",
                  "kubectl run x --image " + IMAGE + ":{{ .Values.tag }}",
                  "kubectl run x --image " + IMAGE + ":$(cat tag.txt)",
                  "kubectl run x --image " + IMAGE + ":v%s",
                  "helm install s " + CHART + " --version v0.1.7",
                  ""))
          .commit("hack: install by hand");
    }
    List<JsonNode> hits = undeclared(graph);
    assertEquals(1, hits.size(), hits.toString());
    assertEquals("undeclared.chart", hits.get(0).get("code").asText());
    assertEquals(10, hits.get(0).get("locations").get(0).get("line").asInt(), hits.toString());
  }

  @Test
  void placesADisabledArtifactDeclaresAreNotUndeclared() throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    try (GitFixture git = GitFixture.open(KubestellarWorkspace.ws(graph).resolve("kubestellar"))) {
      git.write("docs/old-notes.md", "Run " + IMAGE + ":0.27.0 by hand.\n").commit("docs: notes");
    }
    assertEquals(1, undeclared(graph).size());
    Files.writeString(
        graph,
        String.join(
            "\n",
            "",
            "  old-notes:",
            "    kind: file",
            "    repo: kubestellar",
            "    path: docs/old-notes.md",
            "    enabled: false",
            "    reason: retired notes, kept for history",
            "    uses:",
            "      - to: kcm-image",
            "        at: [ { file: docs/old-notes.md, regex: 'manager:(?<version>[0-9.]+)' } ]",
            ""),
        StandardOpenOption.APPEND);
    List<JsonNode> hits = undeclared(graph);
    assertTrue(hits.isEmpty(), hits.toString());
  }

  @Test
  void declaredPlacesStayDeclaredWhenTheWorkspaceIsReachedThroughALink() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("real"));
    Path graph = KubestellarWorkspace.create(real);
    try (GitFixture git = GitFixture.open(KubestellarWorkspace.ws(graph).resolve("kubestellar"))) {
      git.write("docs/old-notes.md", "Run " + IMAGE + ":0.27.0 by hand.\n").commit("docs: notes");
    }
    // The declared places are keyed by real path, the scan's hits by the path through the link.
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    Path linked = link.resolve(real.relativize(graph));
    List<JsonNode> hits = undeclared(linked);
    assertEquals(1, hits.size(), hits.toString());
    assertTrue(
        hits.get(0).get("message").asText().startsWith("docs/old-notes.md:1:"), hits.toString());
  }
}
