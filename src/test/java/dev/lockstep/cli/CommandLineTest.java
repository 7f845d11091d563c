package dev.lockstep.cli;

import static dev.lockstep.cli.Cli.assertContains;
import static dev.lockstep.cli.Cli.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user trips on at the command line: typos, where the graph is, machine output. */
class CommandLineTest {
  @TempDir Path tmp;

  @Test
  void aMistypedCommandGetsTheClosestOneSuggested() {
    Cli.Result r = Cli.run("verfiy");
    assertExit(2, r);
    assertContains(r.err(), "verfiy", "Did you mean", "verify");
  }

  @Test
  void aMistypedOptionGetsTheClosestOneSuggested() {
    Cli.Result r = Cli.run("verify", "--formt", "json");
    assertExit(2, r);
    assertContains(r.err(), "--formt", "Possible solutions: --format");
  }

  @Test
  void theGraphIsFoundUpwardFromTheCurrentFolder() throws Exception {
    Path graph = tmp.resolve("graph/lockstep.yaml");
    Files.createDirectories(graph.getParent());
    Files.writeString(graph, "lockstep: 1\n");
    Path deep = Files.createDirectories(tmp.resolve("charts/app/templates"));
    Optional<Path> found = CommonOptions.find(deep);
    assertEquals(Optional.of(Path.of("../../../graph/lockstep.yaml")), found);
    assertEquals(graph.toRealPath(), deep.resolve(found.get()).toRealPath());
    assertEquals(Optional.of(Path.of("graph/lockstep.yaml")), CommonOptions.find(tmp));
    assertEquals(Optional.empty(), CommonOptions.find(Files.createTempDirectory("elsewhere")));
  }

  @Test
  void bumpSpeaksJson() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("app"))) {
      git.write("values.yaml", "image:\n  tag: \"1.0.0\"\n").commit("app");
    }
    Path graph = tmp.resolve("lockstep.yaml");
    Files.writeString(
        graph,
        """
        lockstep: 1
        repos:
          app: { path: app }
        artifacts:
          lib-image: { kind: image, name: ghcr.io/example/lib, external: { version: 1.0.0 } }
          values:
            kind: file
            repo: app
            uses:
              - to: lib-image
                at: [ { file: values.yaml, yaml: .image.tag } ]
        """);
    Cli.Result r =
        Cli.run(
            "bump", "--graph", graph.toString(), "lib-image", "1.1.0", "-n", "--format", "json");
    assertExit(0, r);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("lib-image", json.get("artifact").asText());
    assertEquals("1.1.0", json.get("version").asText());
    assertTrue(json.get("dryRun").asBoolean());
    assertEquals("values.yaml", json.get("files").get(0).get("path").asText());
    assertContains(json.get("files").get(0).get("diff").asText(), "+  tag: \"1.1.0\"");
    assertEquals(
        "image:\n  tag: \"1.0.0\"\n", Files.readString(tmp.resolve("app/values.yaml")), "dry run");
  }

  @Test
  void graphMarkdownIsFencedAndWrittenToAFile() throws Exception {
    Path graph = tmp.resolve("lockstep.yaml");
    Files.writeString(
        graph,
        "lockstep: 1\nrepos:\n  app: { path: app }\n  ops: { path: ops }\nartifacts:\n"
            + "  deploy:\n    kind: file\n    repo: ops\n    uses:\n"
            + "      - { to: app, unversioned: \"the local checkout\" }\n");
    Path md = tmp.resolve("docs/graph.md");
    Files.createDirectories(md.getParent());
    Cli.Result r =
        Cli.run(
            "graph",
            "--graph",
            graph.toString(),
            "--format",
            "markdown",
            "--level",
            "repo",
            "-o",
            md.toString());
    assertExit(0, r);
    assertEquals("", r.out());
    assertEquals(
        "```mermaid\nflowchart LR\n    app[\"app\"]\n    ops[\"ops\"]\n"
            + "    ops -->|\"1 reference\"| app\n```\n",
        Files.readString(md));
  }
}
