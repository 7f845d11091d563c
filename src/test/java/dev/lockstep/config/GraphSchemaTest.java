package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.lockstep.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed {@code docs/graph.schema.json} is what {@link GraphSchema} generates from the spec
 * records; every graph of the repo and every example of the docs validates against it; and typos
 * the loader rejects, the schema rejects too.
 */
class GraphSchemaTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(GraphSchema.json(), InputFormat.JSON);

  /**
   * {@code mvn test -Dtest=GraphSchemaTest -Dlockstep.schema.write=true} rewrites the committed
   * file; otherwise a difference fails.
   */
  @Test
  void committedSchemaIsTheGeneratedOne() throws IOException {
    Path committed = ROOT.resolve(GraphSchema.PATH);
    String generated = GraphSchema.json();
    if (Boolean.getBoolean("lockstep.schema.write")) {
      Files.writeString(committed, generated, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(committed), GraphSchema.PATH + " is missing; generate it");
    assertEquals(
        generated,
        Files.readString(committed, StandardCharsets.UTF_8),
        GraphSchema.PATH
            + " differs from the spec records; regenerate it with"
            + " mvn -o test -Dtest=GraphSchemaTest -Dlockstep.schema.write=true");
  }

  @Test
  void everyGraphOfTheRepoValidatesAndNamesTheSchema() throws IOException {
    List<Path> graphs;
    try (Stream<Path> s = Files.walk(ROOT.resolve("graph"))) {
      graphs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(graphs.size() >= 2, "graph/lockstep.yaml and the examples: " + graphs);
    for (Path g : graphs) {
      String text = Files.readString(g, StandardCharsets.UTF_8);
      String relative =
          g.getParent().relativize(ROOT.resolve(GraphSchema.PATH)).toString().replace('\\', '/');
      assertTrue(
          text.startsWith("# yaml-language-server: $schema=" + relative + "\n"),
          g + " starts with # yaml-language-server: $schema=" + relative);
      assertEquals(List.of(), errors(text), g.toString());
      GraphLoader.parse(g, text); // and the loader agrees
    }
  }

  @Test
  void theDocsExamplesValidate() throws IOException {
    int checked = 0;
    for (String doc : List.of("README.md", "docs/graph-format.md", "docs/releasing.md")) {
      String text = Files.readString(ROOT.resolve(doc), StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("(?ms)^```yaml\\n(.*?)^```").matcher(text);
      while (m.find()) {
        String block = m.group(1);
        String graph = asGraph(block);
        if (graph == null) {
          continue;
        }
        assertEquals(List.of(), errors(graph), doc + ":\n" + block);
        checked++;
      }
    }
    assertTrue(checked >= 8, "examples checked: " + checked);
  }

  /**
   * A block of the docs as a whole graph: a graph itself, a {@code repos:} or {@code artifacts:}
   * part, or artifact entries (indented by two); null for fragments and elided examples ({@code {
   * ... }}, {@code [ ... ]}).
   */
  private static String asGraph(String block) {
    if (block.contains("...")) {
      return null;
    }
    if (block.startsWith("lockstep:") || block.startsWith("# yaml-language-server")) {
      return block;
    }
    if (block.startsWith("repos:") || block.startsWith("artifacts:")) {
      return "lockstep: 1\n" + block;
    }
    if (block.matches("(?s)  [a-z][\\w-]*:\\n    kind: .*")) {
      return "lockstep: 1\nartifacts:\n" + block;
    }
    return null;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // an unknown top-level key
        "lockstep: 1\nrepo:\n  a: { path: . }\n",
        // a typo in a repo key
        "lockstep: 1\nrepos:\n  a: { pth: . }\n",
        // a key of another kind
        "lockstep: 1\nrepos:\n  a: {}\nartifacts:\n"
            + "  f: { kind: file, repo: a, path: x, name: ghcr.io/x }\n",
        // an unknown kind
        "lockstep: 1\nartifacts:\n  f: { kind: imgae, name: ghcr.io/x }\n",
        // a missing kind
        "lockstep: 1\nartifacts:\n  f: { name: ghcr.io/x }\n",
        // a typo in a locator
        "lockstep: 1\nrepos:\n  a: {}\nartifacts:\n  f:\n    kind: file\n    repo: a\n"
            + "    uses:\n      - to: a\n        at: [ { file: x, regx: 'v(?<version>.+)' } ]\n",
        // an unquoted format is a mapping
        "lockstep: 1\nrepos:\n  a:\n    tag: {version}\n",
        // an unknown stamp
        "lockstep: 1\nrepos:\n  a: {}\nartifacts:\n  f:\n    kind: file\n    repo: a\n"
            + "    uses:\n      - to: a\n        stamp: reglar\n"
            + "        at: [ { file: x, yaml: .v } ]\n",
        // another schema version
        "lockstep: 2\n",
        // a typo in a build
        "lockstep: 1\nrepos:\n  a: {}\nartifacts:\n  i:\n    kind: image\n    repo: a\n"
            + "    name: ghcr.io/x\n    build: { entrypiont: [ /app ] }\n",
      })
  void aTypoTheLoaderRejectsTheSchemaRejects(String graph) {
    assertThrows(BadInputException.class, () -> GraphLoader.parse(ROOT.resolve("g.yaml"), graph));
    assertFalse(errors(graph).isEmpty(), "the schema accepts:\n" + graph);
  }

  @Test
  void aGoodGraphPassesBoth() {
    String graph =
        "lockstep: 1\nrepos:\n  a: { tag: \"v{version}\" }\n  b: { url: https://example.com/b.git }\nartifacts:\n"
            + "  i: { kind: image, repo: a, name: ghcr.io/x }\n"
            + "  c: { kind: chart, repo: a, path: chart, placeholder: { version: \"0.1.0\" } }\n";
    GraphLoader.parse(ROOT.resolve("g.yaml"), graph);
    assertEquals(List.of(), errors(graph));
  }

  private static List<String> errors(String yaml) {
    try {
      JsonNode tree = new YAMLMapper().readTree(yaml);
      String json = new ObjectMapper().writeValueAsString(tree);
      List<String> out = new ArrayList<>();
      for (Error e : SCHEMA.validate(json, InputFormat.JSON)) {
        out.add(e.toString());
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
