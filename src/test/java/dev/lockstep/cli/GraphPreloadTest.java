package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify loads its graph while picocli builds the command; what the user sees must not depend on
 * that: the same file as picocli picks, the same errors, and a command-line error before a graph
 * error.
 */
class GraphPreloadTest {
  @TempDir Path tmp;

  @Test
  void theGraphIsFoundInTheArgumentsAsPicocliReadsThem() {
    assertEquals(
        Optional.of(Path.of("a.yaml")), GraphPreload.named(List.of("verify", "-g", "a.yaml")));
    assertEquals(
        Optional.of(Path.of("b.yaml")),
        GraphPreload.named(List.of("verify", "-v", "--graph", "b.yaml", "--strict")));
    assertEquals(
        Optional.of(Path.of("c.yaml")), GraphPreload.named(List.of("verify", "--graph=c.yaml")));
    assertEquals(Optional.empty(), GraphPreload.named(List.of("verify", "--", "--graph", "d")));
    assertEquals(Optional.empty(), GraphPreload.named(List.of("verify", "--graph")));
  }

  @Test
  void aBadGraphIsReportedAsWithoutAPreload() throws Exception {
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(graph, "lockstep: 1\nrepos:\n  app: { path: nowhere, tag: 'v{oops}' }\n");
    Cli.Result preloaded = Cli.verify(graph);
    // the same run with a second copy of the file named differently than the preload would find
    Cli.Result plain = Cli.run("verify", "-vg", graph.toString());
    assertEquals(2, preloaded.code(), preloaded.toString());
    assertEquals(plain.code(), preloaded.code());
    assertEquals(plain.err(), preloaded.err());
    Cli.assertNoStackTrace(preloaded);
  }

  @Test
  void aCommandLineErrorComesBeforeTheGraphsProblems() throws Exception {
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(graph, "not: [a graph\n");
    Cli.Result r = Cli.verify(graph, "--no-such-option");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--no-such-option"), r.toString());
    assertFalse(r.err().contains("graph.yaml"), r.toString());
  }

  @Test
  void aGraphChangedAfterAFailedCommandLineIsReadAfresh() throws Exception {
    Path graph = tmp.resolve("graph.yaml");
    Files.writeString(graph, "not: [a graph\n");
    assertEquals(2, Cli.verify(graph, "--no-such-option").code());
    Files.writeString(graph, "lockstep: 1\nrepos: {}\nartifacts: {}\n");
    Cli.Result r = Cli.verify(graph, "--allow-skipped");
    assertEquals(0, r.code(), r.toString());
  }
}
