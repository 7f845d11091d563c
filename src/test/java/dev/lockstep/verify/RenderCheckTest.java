package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --render} renders a real chart with Helm and checks the images it would run against
 * the graph: the values' tag, a hard-coded floating or other tag, an undeclared image, a broken
 * template.
 */
class RenderCheckTest {
  @TempDir Path tmp;

  private static final String VALUES = "image:\n  repository: ghcr.io/example/app\n  tag: 0.2.0\n";
  private static final String TEMPLATED =
      "image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"";
  private static final String DECLARED =
      ", uses: [ { to: app-image, at: [ { file: chart/values.yaml, yaml: .image.tag } ] } ]";

  private record Run(int exit, JsonNode report) {
    List<JsonNode> render() {
      List<JsonNode> out = new ArrayList<>();
      report
          .get("findings")
          .forEach(
              f -> {
                if (f.get("code").asText().startsWith("render.")) {
                  out.add(f);
                }
              });
      return out;
    }
  }

  /**
   * A repo {@code app} with a chart whose deployment runs {@code image} (a line of YAML) and a
   * busybox sidecar.
   */
  private Path workspace(String image, String references) throws Exception {
    Path chart = Files.createDirectories(tmp.resolve("app/chart/templates"));
    Files.writeString(
        tmp.resolve("app/chart/Chart.yaml"), "apiVersion: v2\nname: app-chart\nversion: 0.0.0\n");
    Files.writeString(tmp.resolve("app/chart/values.yaml"), VALUES);
    Files.writeString(
        chart.resolve("deployment.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}-app
        spec:
          template:
            spec:
              initContainers:
                - name: wait
                  image: docker.io/library/busybox:latest
              containers:
                - name: app
                  %s
        """
            .formatted(image));
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          app: { path: app }
        artifacts:
          app-image: { kind: image, repo: app, name: ghcr.io/example/app, build: { layers: [ { from: chart, to: /chart } ] } }
          app-chart: { kind: chart, repo: app, path: chart, publish: "oci://ghcr.io/example/app-chart", placeholder: 0.0.0%s }
        """
            .formatted(references));
    return graph;
  }

  private static Run verify(Path graph) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {"verify", "--render", "--graph", graph.toString(), "--format", "json"},
            new PrintWriter(out),
            new PrintWriter(err));
    return new Run(exit, new ObjectMapper().readTree(out.toString()));
  }

  private static JsonNode only(Run run, String code) {
    List<JsonNode> render = run.render();
    assertEquals(1, render.size(), run.report().toPrettyString());
    assertEquals(code, render.get(0).get("code").asText(), run.report().toPrettyString());
    return render.get(0);
  }

  @Test
  void templatedTagThatAgreesWithTheDeclaredValuesKeyPasses() throws Exception {
    Run run = verify(workspace(TEMPLATED, DECLARED));
    assertEquals(List.of(), run.render(), run.report().toPrettyString());
    assertEquals(0, run.exit(), run.report().toPrettyString());
  }

  @Test
  void hardCodedLatestFloats() throws Exception {
    Run run = verify(workspace("image: ghcr.io/example/app:latest", DECLARED));
    JsonNode f = only(run, "render.image-floating");
    assertEquals("error", f.get("severity").asText());
    assertTrue(
        f.get("message").asText().contains("ghcr.io/example/app:latest"), f.toPrettyString());
    assertEquals(1, run.exit());
  }

  @Test
  void missingTagFloats() throws Exception {
    only(verify(workspace("image: ghcr.io/example/app", DECLARED)), "render.image-floating");
  }

  @Test
  void hardCodedOtherTagMismatchesTheValues() throws Exception {
    Run run = verify(workspace("image: ghcr.io/example/app:0.1.0", DECLARED));
    JsonNode f = only(run, "render.image-mismatch");
    assertEquals("error", f.get("severity").asText());
    String message = f.get("message").asText();
    assertTrue(message.contains("renders ghcr.io/example/app:0.1.0"), message);
    assertTrue(message.contains("its values name 0.2.0 at chart/values.yaml:3"), message);
    JsonNode locations = f.get("locations");
    assertEquals(2, locations.size(), f.toPrettyString());
    assertTrue(locations.get(0).toString().contains("graph.yaml"), f.toPrettyString());
    assertTrue(locations.get(1).toString().contains("values.yaml"), f.toPrettyString());
    assertEquals(1, run.exit());
  }

  @Test
  void knownImageWithoutAReferenceIsUndeclared() throws Exception {
    Run run = verify(workspace(TEMPLATED, ""));
    JsonNode f = only(run, "render.undeclared");
    assertEquals("warning", f.get("severity").asText());
    assertTrue(f.get("message").asText().contains("ghcr.io/example/app:0.2.0"), f.toPrettyString());
    assertTrue(f.get("message").asText().contains("templates/deployment.yaml"), f.toPrettyString());
  }

  @Test
  void brokenTemplateFailsToRender() throws Exception {
    Run run = verify(workspace("image: \"{{ .Values.image.repository \"", DECLARED));
    JsonNode f = only(run, "render.failed");
    assertEquals("error", f.get("severity").asText());
    assertTrue(
        f.get("message").asText().startsWith("chart app-chart does not render: "),
        f.toPrettyString());
    assertTrue(!f.get("message").asText().contains("\n"), f.toPrettyString());
    assertEquals(1, run.exit());
  }
}
