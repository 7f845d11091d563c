package dev.lockstep.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRendererTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private JsonNode render(Fixture f, String focus) throws Exception {
    Survey s = f.survey();
    String out =
        new JsonRenderer().render(s.graph(), s, Optional.ofNullable(focus).map(ArtifactId::of));
    JsonNode tree = MAPPER.readTree(out);
    // round trip: what Jackson reads back prints to the same text
    assertEquals(out, Json.write((ObjectNode) tree));
    return tree;
  }

  private static List<String> keys(JsonNode o) {
    List<String> out = new ArrayList<>();
    o.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode find(JsonNode array, String key, String value) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(n -> n.path(key).asText().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError(key + "=" + value + " not in " + array));
  }

  @Test
  void reposArtifactsAndEdgesWithStableKeys() throws Exception {
    JsonNode root = render(Fixture.in(dir), null);
    assertEquals(List.of("repos", "artifacts", "edges"), keys(root));

    JsonNode app = root.get("repos").get(0);
    assertEquals(List.of("id", "path", "url", "tag", "checkedOut"), keys(app));
    assertEquals("app", app.get("id").asText());
    assertEquals("app", app.get("path").asText());
    assertEquals("https://github.com/example/app", app.get("url").asText());
    assertEquals("v{version}", app.get("tag").asText());
    assertTrue(app.get("checkedOut").asBoolean());
    JsonNode absent = find(root.get("repos"), "id", "absent");
    assertTrue(absent.get("url").isNull());
    assertEquals(false, absent.get("checkedOut").asBoolean());

    assertEquals(
        List.of("app-image", "app-chart", "base-image", "setup", "hook", "absent-doc", "old-tool"),
        StreamSupport.stream(root.get("artifacts").spliterator(), false)
            .map(n -> n.get("id").asText())
            .toList());
    JsonNode base = find(root.get("artifacts"), "id", "base-image");
    assertEquals(
        List.of("id", "kind", "repo", "external", "pinned", "enabled", "disabledReason"),
        keys(base));
    assertEquals("image", base.get("kind").asText());
    assertTrue(base.get("repo").isNull());
    assertTrue(base.get("external").asBoolean());
    assertEquals("1.0.0", base.get("pinned").asText());
    JsonNode old = find(root.get("artifacts"), "id", "old-tool");
    assertEquals(false, old.get("enabled").asBoolean());
    assertEquals("retired", old.get("disabledReason").asText());

    JsonNode edges = root.get("edges");
    assertEquals(10, edges.size());
    for (JsonNode e : edges) {
      assertEquals(
          List.of("type", "from", "to", "policy", "stamp", "placeholder", "unversioned", "places"),
          keys(e));
    }
    JsonNode build = edges.get(0);
    assertEquals("build", build.get("type").asText());
    assertEquals("app-image", build.get("from").asText());
    assertEquals("app", build.get("to").asText());
    assertTrue(build.get("policy").isNull());
    assertEquals(0, build.get("places").size());

    JsonNode values = edges.get(3);
    assertEquals("reference", values.get("type").asText());
    assertEquals("app-chart", values.get("from").asText());
    assertEquals("app-image", values.get("to").asText());
    assertEquals("literal", values.get("policy").asText());
    assertEquals("every", values.get("stamp").asText());
    JsonNode place = values.get("places").get(0);
    assertEquals(List.of("file", "line", "column", "value", "version"), keys(place));
    assertEquals("chart/values.yaml", place.get("file").asText());
    assertEquals(3, place.get("line").asInt());
    assertEquals(8, place.get("column").asInt());
    assertEquals("0.2.0", place.get("value").asText());
    assertEquals("0.2.0", place.get("version").asText());

    JsonNode tag = edges.get(5);
    assertEquals("app", tag.get("to").asText());
    assertEquals("v0.2.0", tag.get("places").get(0).get("value").asText());
    assertEquals("0.2.0", tag.get("places").get(0).get("version").asText());

    JsonNode hook = edges.get(7);
    assertEquals("placeholder", hook.get("policy").asText());
    assertEquals("0.0.0", hook.get("placeholder").asText());
    assertTrue(hook.get("places").get(0).get("version").isNull());
    assertEquals("uses the local build", edges.get(8).get("unversioned").asText());
  }

  @Test
  void focusKeepsTheRepoItsArtifactsAndTheirNeighbours() throws Exception {
    JsonNode root = render(Fixture.in(dir), "platform");
    assertEquals(
        List.of("app", "platform"),
        StreamSupport.stream(root.get("repos").spliterator(), false)
            .map(n -> n.get("id").asText())
            .toList());
    assertEquals(
        List.of("app-image", "app-chart", "setup", "hook", "old-tool"),
        StreamSupport.stream(root.get("artifacts").spliterator(), false)
            .map(n -> n.get("id").asText())
            .toList());
    assertEquals(5, root.get("edges").size());
  }
}
