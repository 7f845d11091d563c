package dev.lockstep.cli;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares, mixed in rather than inherited. */
final class CommonOptions {
  static final Path DEFAULT_GRAPH = Path.of("graph", "lockstep.yaml");

  @Option(
      names = {"-g", "--graph"},
      paramLabel = "FILE",
      description = "The graph file (default: ${DEFAULT-VALUE}).",
      defaultValue = "graph/lockstep.yaml")
  Path graph = DEFAULT_GRAPH;

  @Option(names = "--stacktrace", description = "Print the stack trace of an unexpected error.")
  boolean stacktrace;

  ReleaseGraph loadGraph() {
    if (!Files.exists(graph)) {
      throw BadInputException.plain(
          graph
              + ": graph file not found; pass --graph FILE (e.g. graph/examples/kubestellar.yaml)");
    }
    return GraphLoader.load(graph);
  }

  /** Paths in output are shown relative to the working directory. */
  static Path base() {
    return Path.of("").toAbsolutePath().normalize();
  }
}
