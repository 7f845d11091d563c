package dev.lockstep.cli;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Options every command shares, mixed in rather than inherited. */
// No method of a mixin is a subcommand; without this, picocli would scan its methods for
// @Command on every start.
@Command(addMethodSubcommands = false)
final class CommonOptions {
  static final Path DEFAULT_GRAPH = Path.of("graph", "lockstep.yaml");

  @Option(
      names = {"-g", "--graph"},
      paramLabel = "FILE",
      description =
          "The graph file (default: $LOCKSTEP_GRAPH, else graph/lockstep.yaml in the current"
              + " folder or the nearest folder above it that has one).",
      defaultValue = "${env:LOCKSTEP_GRAPH}")
  Path graph;

  /** The graph file this run reads: as given, or found (see {@link #find}). */
  Path graphFile() {
    if (graph == null) {
      graph = defaultGraph();
    }
    return graph;
  }

  /** The graph file when no {@code --graph} is given: $LOCKSTEP_GRAPH, else found. */
  static Path defaultGraph() {
    String env = System.getenv("LOCKSTEP_GRAPH");
    return env != null && !env.isEmpty() ? Path.of(env) : find(base()).orElse(DEFAULT_GRAPH);
  }

  /** {@code graph/lockstep.yaml} in {@code dir} or the nearest folder above it that has one. */
  static java.util.Optional<Path> find(Path dir) {
    for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
      Path candidate = d.resolve(DEFAULT_GRAPH);
      if (Files.isRegularFile(candidate)) {
        return java.util.Optional.of(dir.toAbsolutePath().normalize().relativize(candidate));
      }
    }
    return java.util.Optional.empty();
  }

  @Option(names = "--stacktrace", description = "Print the stack trace of an unexpected error.")
  boolean stacktrace;

  ReleaseGraph loadGraph() {
    Path file = graphFile();
    if (!Files.exists(file)) {
      throw BadInputException.plain(
          file
              + ": graph file not found here or in a folder above; pass --graph FILE (e.g."
              + " graph/examples/kubestellar.yaml) or set LOCKSTEP_GRAPH");
    }
    return GraphPreload.take(file).orElseGet(() -> GraphLoader.load(file));
  }

  /** Paths in output are shown relative to the working directory. */
  static Path base() {
    return Path.of("").toAbsolutePath().normalize();
  }
}
