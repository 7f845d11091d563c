package dev.lockstep.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bump} of an external artifact pinned in the graph moves the pin too, byte for byte, so
 * {@code verify} passes right after any bump: a Pulumi-style platform (Kargo) with a JSON pin file,
 * stack files whose keys contain {@code :}, a PEP 440 chart and a build image pinned by digest.
 */
class BumpGraphPinTest {
  @TempDir Path dir;

  static final String D1 = "sha256:" + "4f".repeat(32);
  static final String D2 = "sha256:" + "0f".repeat(32);

  private static final String GRAPH =
      """
      lockstep: 1
      repos:
        app: { path: repo }
      artifacts:
        kube-prometheus-stack:
          kind: chart
          scheme: pep440          # Kargo's rule: 65.1.1-1 is a stable post release
          external: { version: "65.1.1", repository: https://prometheus-community.github.io/helm-charts, chart: kube-prometheus-stack }
        pipeline:
          kind: image
          name: ghcr.io/syntasso/pipeline
          scheme: { pattern: '^main-[0-9a-f]{7}$' }
          external: { version: main-6ee6b58 }   # keep this comment
        defaults:
          kind: file
          repo: app
          path: pulumi/default_versions.json
          uses:
            - to: kube-prometheus-stack
              at:
                - { file: pulumi/default_versions.json, json: /kube_prometheus_stack }
                - { file: Pulumi.dev.yaml, yaml: '.config["kargo:kube_prometheus_stack"].version' }
            - to: pipeline
              format: "ghcr.io/syntasso/pipeline:{version}"
              at: [ { file: promise.yaml, yaml: .image } ]
      """;

  private Workspace workspace() {
    Workspace ws = new Workspace(dir);
    ws.rawGraph(GRAPH);
    ws.put(
        "pulumi/default_versions.json",
        "{\n  \"cert_manager\": \"v1.15.3\",\n  \"kube_prometheus_stack\": \"65.1.1\"\n}\n");
    ws.put(
        "Pulumi.dev.yaml",
        "config:\n  kargo:kube_prometheus_stack:\n    enabled: true\n    version: 65.1.1\n");
    ws.put("promise.yaml", "image: ghcr.io/syntasso/pipeline:main-6ee6b58@" + D1 + "\n");
    return ws;
  }

  private static List<String> codes(Path graph) {
    return Verifier.verify(GraphLoader.load(graph)).findings().stream()
        .filter(f -> f.rule().severity().name().equals("ERROR"))
        .map(f -> f.rule().code() + " " + f.message())
        .toList();
  }

  @Test
  void bumpMovesThePinInTheGraphByteForByte_andVerifyPassesRightAfter() throws Exception {
    Workspace ws = workspace();
    assertEquals(List.of(), codes(ws.graph));
    ws.bumpOk("kube-prometheus-stack", "65.1.1-1");
    assertEquals(
        GRAPH.replace("external: { version: \"65.1.1\",", "external: { version: \"65.1.1-1\","),
        Files.readString(ws.graph),
        "only the pin's characters change");
    assertTrue(ws.read("pulumi/default_versions.json").contains("\"65.1.1-1\""));
    assertTrue(ws.read("Pulumi.dev.yaml").contains("version: 65.1.1-1"));
    assertEquals(List.of(), codes(ws.graph));
  }

  @Test
  void bumpOfAnImageToTagAtDigestRewritesBoth_andThePin() throws Exception {
    Workspace ws = workspace();
    Workspace.Run r = ws.bumpOk("pipeline", "main-7ab12cd@" + D2);
    assertTrue(r.out().contains("+++ b/lockstep.yaml"), r::toString);
    assertEquals(
        "image: ghcr.io/syntasso/pipeline:main-7ab12cd@" + D2 + "\n", ws.read("promise.yaml"));
    assertTrue(
        Files.readString(ws.graph)
            .contains("external: { version: main-7ab12cd }   # keep this comment"));
    assertEquals(List.of(), codes(ws.graph));
  }

  @Test
  void aVersionOutsideTheSchemeIsRefused() {
    Workspace ws = workspace();
    Workspace.Run r = ws.bump("pipeline", "1.2.3");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("is not a pattern version of pipeline"), r::toString);
  }
}
