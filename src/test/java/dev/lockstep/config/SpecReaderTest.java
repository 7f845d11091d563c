package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lockstep.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link SpecReader} reads every entry exactly as Jackson databind did: the same records, the same
 * problems (message, fix, position, path) in the same order, for each value of each key.
 */
class SpecReaderTest {
  private static final Path FILE = Path.of("/tmp/g/lockstep.yaml");

  /** Values of every shape a key can be given. */
  static final List<String> VALUES =
      List.of(
          "x",
          "'12'",
          "12",
          "-3",
          "0",
          "1.5",
          "1e3",
          "2147483648",
          "99999999999999999999",
          "true",
          "false",
          "yes",
          "'true'",
          "'False'",
          "null",
          "''",
          "[a, b]",
          "[]",
          "{k: v}",
          "{}",
          "[[a]]",
          "[{k: v}]",
          "[1, true]",
          "!!binary aGVsbG8=",
          "[null]",
          "[a, {k: v}, [b]]",
          "{k: [a]}",
          "{k: {j: v}}",
          "{k: 3}",
          "{k: null}",
          "'1.5'",
          "'abc'",
          "' '",
          "1e20",
          "-2147483649",
          "'2147483648'",
          "[chart, x]",
          "{kind: [x]}",
          "{kind: {}}",
          "{kind: 1}");

  private static final String REPO = "  r: { path: . }\n";

  /** Graph texts with {@code %s} where a value goes. */
  static final List<String> PLACES = places();

  private static List<String> places() {
    List<String> out = new ArrayList<>();
    for (String top : List.of("lockstep", "repos", "artifacts", "mirrors", "lockstap")) {
      out.add("lockstep: 1\n" + top + ": %s\n");
    }
    out.add("lockstep: 1\nrepos:\n  r: %s\n");
    out.add("lockstep: 1\nrepos: { r: { path: ., scan: %s } }\n");
    out.add("lockstep: 1\nrepos: { r: { path: ., scan: { exclude: %s } } }\n");
    out.add("lockstep: 1\nrepos: { r: { path: ., scan: { exclud: %s } } }\n");
    out.add("lockstep: 1\nmirrors: { docker.io: %s }\n");
    for (String k : List.of("path", "url", "tag", "branch", "scheme", "pth", "Tag", "zzzzzz")) {
      out.add("lockstep: 1\nrepos:\n  r: { " + k + ": %s }\n");
    }
    Map<String, List<String>> kinds =
        Map.of(
            "image",
            List.of(
                "repo",
                "enabled",
                "reason",
                "description",
                "uses",
                "scheme",
                "name",
                "tag",
                "build",
                "base",
                "external",
                "nme",
                "path"),
            "chart",
            List.of(
                "repo",
                "enabled",
                "path",
                "publish",
                "version",
                "appVersion",
                "placeholder",
                "dependencies",
                "external",
                "dependencie"),
            "hook",
            List.of("path", "reason", "uses", "name"),
            "file",
            List.of("path", "enabled", "scheme", "tag"),
            "asset",
            List.of("prepare", "path", "prepar"));
    kinds.forEach(
        (kind, keys) -> {
          for (String k : keys) {
            out.add(art("{ kind: " + kind + ", repo: r, " + k + ": %s }"));
            out.add(art("{ repo: r, " + k + ": %s, kind: " + kind + " }"));
          }
        });
    out.add(art("%s"));
    out.add(art("{ kind: %s, repo: r }"));
    out.add(art("{ repo: r, kind: %s }"));
    out.add(art("{ repo: r, nme: %s }"));
    out.add(art("{ kind: image, repo: r, build: { prepare: [a], layers: %s } }"));
    out.add(art("{ kind: image, repo: r, build: { layers: [ %s ] } }"));
    out.add(art("{ kind: image, repo: r, build: { layers: [ { from: a, to: %s } ] } }"));
    out.add(art("{ kind: image, repo: r, build: { layers: [ { from: a, too: %s } ] } }"));
    out.add(art("{ nme: x, build: { layers: [ { from: a, too: %s } ] }, kind: image }"));
    for (String k :
        List.of("prepare", "from", "entrypoint", "env", "labels", "workdir", "user", "form")) {
      out.add(art("{ kind: image, repo: r, build: { " + k + ": %s } }"));
    }
    out.add(art("{ kind: image, repo: r, build: { env: { A: %s } } }"));
    for (String k :
        List.of("version", "repository", "chart", "git", "allow", "ignore", "verison")) {
      out.add(art("{ kind: chart, external: { " + k + ": %s } }"));
    }
    out.add(art("{ kind: file, path: f, uses: [ %s ] }"));
    for (String k :
        List.of(
            "to",
            "policy",
            "placeholder",
            "stamp",
            "format",
            "at",
            "unversioned",
            "description",
            "train",
            "t")) {
      out.add(art("{ kind: file, path: f, uses: [ { to: r, " + k + ": %s } ] }"));
      out.add(art("{ uses: [ { to: r }, { " + k + ": %s, to: r } ], kind: file }"));
    }
    out.add(art("{ kind: file, uses: [ { to: r, at: [ %s ] } ] }"));
    for (String k :
        List.of(
            "file",
            "yaml",
            "json",
            "regex",
            "chart",
            "document",
            "count",
            "all",
            "format",
            "pin",
            "override",
            "fiel",
            "regx")) {
      out.add(art("{ kind: file, uses: [ { to: r, at: [ { file: f, " + k + ": %s } ] } ] }"));
      out.add(art("{ uses: [ { at: [ { " + k + ": %s, file: f } ], to: r } ], kind: hook }"));
    }
    // block style: positions of keys on their own lines
    out.add(
        "lockstep: 1\nrepos:\n"
            + REPO
            + "artifacts:\n  a:\n    repo: r\n    bad: 1\n    kind: image\n    uses:\n"
            + "      - to: r\n        at:\n          - file: f\n            yml: %s\n");
    out.add(
        "lockstep: 1\nrepos:\n"
            + REPO
            + "artifacts:\n  a:\n    kind: chart\n    placeholder: %s\n    dependencies:\n"
            + "      - %s\n");
    return out;
  }

  private static String art(String body) {
    return "lockstep: 1\nrepos:\n" + REPO + "artifacts:\n  a: " + body + "\n  b: { kind: hook }\n";
  }

  /**
   * What a load produced. {@code loose} marks the two shapes where Jackson reported a problem at a
   * path that is not the problem's own, which the hand reader corrects; there only the messages
   * must agree: an artifact whose {@code kind:} comes after other keys (Jackson replayed the keys
   * before it with the context of {@code kind}) and a path Jackson made up inside a value.
   */
  private record Outcome(List<Optional<?>> specs, List<Problem> problems, boolean loose) {
    boolean agrees(Outcome jackson) {
      if (!(loose || jackson.loose)) {
        return equals(jackson);
      }
      return specs.equals(jackson.specs) && messages().equals(jackson.messages());
    }

    /** The problems' messages and fixes, in a fixed order (Jackson's replay reordered them). */
    private List<String> messages() {
      return problems.stream().map(p -> p.message() + "; " + p.fix()).sorted().toList();
    }
  }

  private static Outcome load(String text, BiFunction<SourceMap, List<Problem>, Reader> readers)
      throws Exception {
    List<Problem> problems = new ArrayList<>();
    SourceMap positions = SourceMap.read(FILE, text, GraphLoader.factory(), problems);
    JsonNode root = positions.root();
    List<Optional<?>> specs = new ArrayList<>();
    if (root == null || !root.isObject()) {
      return new Outcome(specs, problems, false);
    }
    Reader reader = readers.apply(positions, problems);
    Optional<GraphSpec> g = reader.read(root, "", GraphSpec.class);
    specs.add(g);
    if (g.isEmpty()) {
      return new Outcome(specs, problems, false);
    }
    if (g.get().repos() != null) {
      g.get()
          .repos()
          .forEach(
              (id, n) ->
                  specs.add(reader.read(body(n), SourceMap.child("repos", id), RepoSpec.class)));
    }
    if (g.get().artifacts() != null) {
      g.get()
          .artifacts()
          .forEach(
              (id, n) ->
                  specs.add(
                      reader.read(body(n), SourceMap.child("artifacts", id), ArtifactSpec.class)));
    }
    boolean loose = false;
    if (g.get().artifacts() != null) {
      for (JsonNode a : g.get().artifacts().values()) {
        loose |= a != null && a.has("kind") && !a.fieldNames().next().equals("kind");
      }
    }
    for (Problem p : problems) {
      loose |= !positions.has(p.source().yamlPath()) && !p.source().yamlPath().isEmpty();
    }
    return new Outcome(specs, problems, loose);
  }

  private static JsonNode body(JsonNode n) {
    return n == null || n.isNull() ? JsonNodeFactory.instance.objectNode() : n;
  }

  private interface Reader {
    <T> Optional<T> read(JsonNode node, String path, Class<T> type);
  }

  private static Reader ours(SourceMap positions, List<Problem> problems) {
    SpecReader r = new SpecReader(positions, problems);
    return r::read;
  }

  private static Reader jackson(SourceMap positions, List<Problem> problems) {
    JacksonSpecReader r = new JacksonSpecReader(positions, problems);
    return r::read;
  }

  @Test
  void kindsAreTheSubtypesJacksonAndTheSchemaName() {
    Map<String, Class<?>> annotated = new java.util.HashMap<>();
    for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t :
        ArtifactSpec.class
            .getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class)
            .value()) {
      annotated.put(t.name(), t.value());
    }
    assertEquals(annotated, Map.copyOf(ArtifactSpec.TYPES));
    assertEquals(
        ArtifactSpec.KINDS.stream().sorted().toList(),
        ArtifactSpec.TYPES.keySet().stream().sorted().toList());
  }

  @Test
  void aListIsNeverAnArtifact() throws Exception {
    // Jackson read [image, {...}] as an image and dropped [image] without a word; the schema and
    // the format say an artifact is a mapping.
    for (String body : List.of("[image]", "[image, {name: x}]", "[chart, x]")) {
      Outcome o = load(art(body), SpecReaderTest::ours);
      assertEquals(Optional.empty(), o.specs().get(2), body);
      assertEquals(
          List.of("wrong type: expected a mapping"),
          o.problems().stream().map(Problem::message).toList(),
          body);
      assertEquals("artifacts.a", o.problems().get(0).source().yamlPath(), body);
    }
  }

  @Test
  void readsEveryValueOfEveryKeyAsJacksonDid() throws Exception {
    List<String> differ = new ArrayList<>();
    int cases = 0;
    for (String place : PLACES) {
      for (String value : VALUES) {
        String text = place.replace("%s", value);
        cases++;
        Outcome expected = load(text, SpecReaderTest::jackson);
        Outcome actual = load(text, SpecReaderTest::ours);
        if (!actual.agrees(expected)) {
          differ.add(
              "--- "
                  + text
                  + "jackson: "
                  + expected.problems()
                  + "\n         "
                  + expected.specs()
                  + "\nours:    "
                  + actual.problems()
                  + "\n         "
                  + actual.specs());
        }
      }
    }
    int all = cases;
    String dump = System.getProperty("specreader.dump");
    if (dump != null) {
      java.nio.file.Files.writeString(Path.of(dump), String.join("\n", differ));
    }
    assertTrue(
        differ.isEmpty(),
        () ->
            differ.size()
                + " of "
                + all
                + " differ\n"
                + String.join("\n", differ.subList(0, Math.min(40, differ.size()))));
    assertTrue(all > 3000, "cases: " + all);
  }
}
