package dev.lockstep.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.diagram.Explanation.Dependent;
import dev.lockstep.diagram.Explanation.Node;
import dev.lockstep.diagram.Explanation.Row;
import dev.lockstep.diagram.Explanation.Use;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Policy;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainerTest {
  @TempDir Path dir;

  private final Explainer explainer = new Explainer();

  private Explanation explain(Fixture f, String id) {
    Survey s = f.survey();
    return explainer.explain(s.graph(), s, ArtifactId.of(id));
  }

  private static List<String> ids(List<Node> nodes) {
    return nodes.stream().map(n -> n.id().value()).toList();
  }

  @Test
  void everyPlaceThatNamesAChartWithItsLine() {
    Explanation e = explain(Fixture.in(dir), "app-chart");
    assertEquals("chart", e.what());
    assertEquals("app", e.repo().get().value());
    assertEquals(3, e.references().size());

    Use setup = e.references().get(0);
    assertEquals("setup", setup.from().value());
    assertEquals(Policy.LITERAL, setup.policy());
    Row p = setup.places().get(0);
    assertEquals("setup.sh", p.repoPath());
    assertEquals(dir.resolve("platform/setup.sh"), p.file());
    assertEquals(2, p.line());
    assertEquals(15, p.column());
    assertEquals("0.2.0", p.value());
    assertEquals("0.2.0", p.version().get().toString());

    Use hook = e.references().get(1);
    assertEquals(Policy.PLACEHOLDER, hook.policy());
    assertEquals(4, hook.places().get(0).line());
    assertEquals(12, hook.places().get(0).column());
    assertTrue(hook.places().get(0).placeholder());
    assertTrue(hook.places().get(0).version().isEmpty());

    Use absent = e.references().get(2);
    assertTrue(absent.places().isEmpty());
    assertEquals("not read: repo absent is not checked out", absent.note().get());
    assertEquals(2, e.places().size());
  }

  @Test
  void theChartsOwnVersionPlaces() {
    Explanation e = explain(Fixture.in(dir), "app-chart");
    assertEquals(2, e.ownVersion().size());
    Row version = e.ownVersion().get(0);
    assertEquals("version", version.field().get());
    assertEquals("chart/Chart.yaml", version.repoPath());
    assertEquals(3, version.line());
    assertEquals(10, version.column());
    assertEquals("0.1.0", version.value());
    assertTrue(version.placeholder());
    Row app = e.ownVersion().get(1);
    assertEquals("appVersion", app.field().get());
    assertEquals(4, app.line());
    assertEquals(13, app.column());
  }

  @Test
  void linesMoveWithTheFile() {
    Fixture f = Fixture.in(dir);
    f.write(
        "platform/setup.sh",
        "#!/bin/sh\n# pinned by the release\n\nCHART_VERSION=0.4.0\nAPP_TAG=v0.2.0\nOLD=2.0.0\n");
    Row p = explain(f, "app-chart").references().get(0).places().get(0);
    assertEquals(4, p.line());
    assertEquals("0.4.0", p.value());
  }

  @Test
  void builtFromDependentsAndWhatIsAffected() {
    Fixture f = Fixture.in(dir);
    Explanation image = explain(f, "app-image");
    assertEquals(List.of("app", "base-image"), ids(image.builtFrom()));
    assertEquals(
        List.of("app-chart", "hook"),
        image.dependents().stream().map(d -> d.id().value()).toList());
    assertEquals(List.of("references it"), image.dependents().get(0).via());
    // hook names the image directly; setup and absent-doc name the chart that names it
    assertEquals(List.of("absent-doc", "app-chart", "hook", "setup"), ids(image.affected()));
    assertEquals("local", image.references().get(1).unversioned().map(x -> "local").orElse(""));

    Explanation base = explain(f, "base-image");
    assertTrue(base.external());
    assertTrue(
        base.facts().contains(Explanation.Fact.of("pinned", "1.0.0")), base.facts().toString());
    assertEquals(
        List.of(new Dependent(ArtifactId.of("app-image"), "image", List.of("built from it"))),
        base.dependents());
    assertEquals(
        List.of("absent-doc", "app-chart", "app-image", "hook", "setup"), ids(base.affected()));
  }

  @Test
  void aRepo() {
    Explanation e = explain(Fixture.in(dir), "app");
    assertEquals("repo", e.what());
    assertEquals(List.of("app-image", "app-chart"), ids(e.holds()));
    assertEquals(
        List.of("app-image", "app-chart", "setup"),
        e.dependents().stream().map(d -> d.id().value()).toList());
    assertEquals(List.of("built from it"), e.dependents().get(0).via());
    assertEquals(List.of("references it"), e.dependents().get(2).via());
    assertEquals("v0.2.0", e.places().get(0).value());
    assertEquals(3, e.places().get(0).line());
  }

  @Test
  void textNamesEveryPlaceRelativeToTheBase() {
    Fixture f = Fixture.in(dir);
    String text = explainer.renderText(explain(f, "app-chart"), dir);
    assertTrue(text.startsWith("app-chart: chart of repo app\n"), text);
    assertTrue(text.contains("  setup -> app-chart: literal (declared at lockstep.yaml:"), text);
    assertTrue(text.contains("    platform/setup.sh:2:15  0.2.0  version 0.2.0\n"), text);
    assertTrue(
        text.contains("  hook -> app-chart: placeholder 0.0.0 (declared at lockstep.yaml:"), text);
    assertTrue(text.contains("    platform/hook.yaml:4:12  0.0.0  placeholder\n"), text);
    assertTrue(text.contains("    not read: repo absent is not checked out\n"), text);
    assertTrue(
        text.contains("  app/chart/Chart.yaml:3:10  version     0.1.0  placeholder\n"), text);
    assertTrue(
        text.contains("  app/chart/Chart.yaml:4:13  appVersion  0.1.0  placeholder\n"), text);
    assertTrue(
        text.contains(
            "\nAffected if it changes (3):\n  absent-doc  file\n  hook        hook\n  setup       file\n"),
        text);

    Path elsewhere = dir.resolve("elsewhere");
    String outside = explainer.renderText(explain(f, "app-chart"), elsewhere);
    assertTrue(outside.contains("    " + dir.resolve("platform/setup.sh") + ":2:15"), outside);
  }

  @Test
  void jsonFormCarriesThePlaces() throws Exception {
    String json = explainer.renderJson(explain(Fixture.in(dir), "app-chart"), dir);
    JsonNode root = new ObjectMapper().readTree(json);
    assertEquals("app-chart", root.get("id").asText());
    assertEquals("chart", root.get("what").asText());
    JsonNode place = root.get("references").get(0).get("places").get(0);
    assertEquals("platform/setup.sh", place.get("file").asText());
    assertEquals(2, place.get("line").asInt());
    assertEquals(15, place.get("column").asInt());
    assertEquals("0.2.0", place.get("version").asText());
    assertEquals("setup", root.get("references").get(0).get("from").asText());
    assertEquals("version", root.get("ownVersion").get(0).get("field").asText());
    assertEquals(3, root.get("affected").size());
    assertTrue(root.get("references").get(2).get("note").asText().contains("not checked out"));
  }

  @Test
  void unknownIdSuggestsTheClosest() {
    Fixture f = Fixture.in(dir);
    BadInputException e = assertThrows(BadInputException.class, () -> explain(f, "app-chrt"));
    assertEquals("unknown artifact or repo 'app-chrt'; did you mean 'app-chart'?", e.getMessage());
    BadInputException partial = assertThrows(BadInputException.class, () -> explain(f, "old"));
    assertTrue(partial.getMessage().endsWith("did you mean 'old-tool'?"), partial.getMessage());
  }

  @Test
  void disabledAndExternalArtifacts() {
    Fixture f = Fixture.in(dir);
    Explanation old = explain(f, "old-tool");
    assertEquals("retired", old.disabledReason().get());
    assertEquals("not read: old-tool is disabled", old.references().get(0).note().get());
    String text = explainer.renderText(old, dir);
    assertTrue(text.startsWith("old-tool: external image, disabled: retired\n"), text);
    assertFalse(text.contains("Built from"), text);
  }
}
