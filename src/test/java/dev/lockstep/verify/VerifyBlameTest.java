package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disagreement is blamed on the places that deviate from the expected version (the target's
 * release, else what most places name), each at its own line; the right places are only related
 * locations; one wrong place seen by several rules is one finding.
 */
class VerifyBlameTest {
  @TempDir Path tmp;

  private static String run(Path graph, String format) {
    StringWriter out = new StringWriter();
    Main.run(
        new String[] {"verify", "--graph", graph.toString(), "--format", format},
        new PrintWriter(out),
        new PrintWriter(new StringWriter()));
    return out.toString();
  }

  private static List<JsonNode> findings(Path graph, String code) throws Exception {
    JsonNode report = new ObjectMapper().readTree(run(graph, "json"));
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      if (f.get("code").asText().equals(code)) {
        out.add(f);
      }
    }
    return out;
  }

  private static String primary(JsonNode f) {
    JsonNode l = f.get("locations").get(0);
    return l.get("file").asText() + ":" + l.get("line").asInt();
  }

  private static Path kubestellar(Path graph) {
    return KubestellarWorkspace.ws(graph).resolve("kubestellar");
  }

  @Test
  void theStalePlaceIsBlamed_notTheOnesNamingTheRelease() throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    try (GitFixture git = GitFixture.open(kubestellar(graph))) {
      git.replace(
              "hack/versions.json",
              "\"kubestellar/kubeflex\": \"v0.8.1\"",
              "\"kubestellar/kubeflex\": \"v0.8.0\"")
          .commit("pin kubeflex 0.8.0");
    }
    List<JsonNode> found = findings(graph, "disagreement");
    assertEquals(1, found.size(), found.toString());
    JsonNode f = found.get(0);
    assertTrue(primary(f).endsWith("kubestellar/hack/versions.json:" + lineOf(graph)), primary(f));
    assertTrue(f.get("message").asText().contains("current release of kubeflex (tag v0.8.1)"));
    assertTrue(f.get("fix").asText().contains("lockstep bump kubeflex 0.8.1"), f.toString());
    // the four right places are related locations
    assertEquals(5, f.get("locations").size(), f.toString());
    for (int i = 1; i < 5; i++) {
      assertFalse(f.get("locations").get(i).get("file").asText().endsWith("versions.json"));
    }
    String github = run(graph, "github");
    List<String> annotations =
        github.lines().filter(l -> l.startsWith("::error") && l.contains("disagreement")).toList();
    assertEquals(1, annotations.size(), github);
    assertTrue(annotations.get(0).contains("hack/versions.json,line=" + lineOf(graph)), github);
  }

  @Test
  void theReleaseWinsOverTheMajority_eachDeviatingPlaceIsItsOwnFinding() throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    try (GitFixture git = GitFixture.open(kubestellar(graph))) {
      git.replace("go.mod", "kubeflex v0.8.1", "kubeflex v0.8.0")
          .replace(
              "docs/content/direct/get-started.md",
              "v0.8.1/kubeflex_0.8.1",
              "v0.8.0/kubeflex_0.8.0")
          .replace(
              "docs/content/direct/get-started.md", "kubeflex_0.8.1_linux", "kubeflex_0.8.0_linux")
          .commit("kubeflex 0.8.0 everywhere but versions.json");
    }
    List<JsonNode> found = findings(graph, "disagreement");
    assertEquals(4, found.size(), found.toString());
    for (JsonNode f : found) {
      assertFalse(primary(f).contains("versions.json"), primary(f));
      assertEquals(2, f.get("locations").size(), f.toString());
      assertTrue(f.get("locations").get(1).get("file").asText().endsWith("versions.json"));
    }
    assertEquals(
        4,
        found.stream()
            .map(f -> primary(f) + ":" + f.get("locations").get(0).get("column").asInt())
            .distinct()
            .count());
  }

  @Test
  void withoutAKnownRelease_theMajorityIsExpected() throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    try (GitFixture git = GitFixture.open(kubestellar(graph))) {
      git.replace("go.mod", "kubeflex v0.8.1", "kubeflex v0.8.0")
          .replace(
              "docs/content/direct/get-started.md",
              "v0.8.1/kubeflex_0.8.1",
              "v0.8.0/kubeflex_0.8.0")
          .replace(
              "docs/content/direct/get-started.md", "kubeflex_0.8.1_linux", "kubeflex_0.8.0_linux")
          .commit("kubeflex 0.8.0 everywhere but versions.json");
    }
    deleteTree(KubestellarWorkspace.ws(graph).resolve("kubeflex"));
    List<JsonNode> found = findings(graph, "disagreement");
    assertEquals(1, found.size(), found.toString());
    assertTrue(primary(found.get(0)).contains("hack/versions.json"), primary(found.get(0)));
    assertTrue(found.get(0).get("message").asText().contains("most places"), found.toString());
  }

  @Test
  void aStaleSelfReferenceIsOneFinding_namingTheOtherRule() throws Exception {
    Path graph = KubestellarWorkspace.create(tmp);
    try (GitFixture git = GitFixture.open(kubestellar(graph))) {
      git.replace("docs/mkdocs.yml", "ks_latest_release: '0.29.0'", "ks_latest_release: '0.28.0'")
          .commit("docs: latest release 0.28.0");
    }
    JsonNode report = new ObjectMapper().readTree(run(graph, "json"));
    List<JsonNode> atPlace = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      if (primary(f).endsWith("docs/mkdocs.yml:" + mkdocsLine(graph))) {
        atPlace.add(f);
      }
    }
    assertEquals(1, atPlace.size(), report.toPrettyString());
    JsonNode f = atPlace.get(0);
    assertEquals("self-reference.stale", f.get("code").asText());
    assertTrue(f.get("message").asText().contains("(also disagreement)"), f.toString());
    assertTrue(f.get("locations").size() > 1, f.toString());
    assertEquals(0, findings(graph, "disagreement").size(), report.toPrettyString());
  }

  private static int mkdocsLine(Path graph) throws Exception {
    List<String> lines = Files.readAllLines(kubestellar(graph).resolve("docs/mkdocs.yml"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("ks_latest_release:")) {
        return i + 1;
      }
    }
    throw new IllegalStateException("no ks_latest_release line");
  }

  private static int lineOf(Path graph) throws Exception {
    List<String> lines = Files.readAllLines(kubestellar(graph).resolve("hack/versions.json"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("kubestellar/kubeflex")) {
        return i + 1;
      }
    }
    throw new IllegalStateException("no kubeflex line");
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
