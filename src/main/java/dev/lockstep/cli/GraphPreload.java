package dev.lockstep.cli;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.gitrepo.GitWarmUp;
import dev.lockstep.model.ReleaseGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The graph a {@code verify} command line names, loaded on a second thread while picocli builds the
 * command's model (the two are the main thread's first ~100 ms on a small graph). The file is found
 * from the raw arguments the way {@link CommonOptions} finds it; when picocli's answer is a
 * different file, the preload is ignored and the graph is loaded as usual. A preload that fails is
 * reported only if its graph is asked for, so a bad command line still gets its own error.
 */
final class GraphPreload {
  private GraphPreload() {}

  private record Pending(Path file, CompletableFuture<ReleaseGraph> graph) {}

  /** Per thread: picocli runs a command on the thread that called {@link Main#run}. */
  private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

  /**
   * Starts loading the graph {@code args} names, and JGit's one-time set-up, when they run {@code
   * verify}.
   */
  static void start(String[] args) {
    PENDING.remove();
    List<String> list = List.of(args);
    if (list.isEmpty()
        || !list.get(0).equals("verify")
        || list.contains("-h")
        || list.contains("--help")) {
      return;
    }
    GitWarmUp.inBackground(); // verify reads git next; JGit's set-up overlaps picocli's too
    Path file = named(list).orElseGet(CommonOptions::defaultGraph);
    if (!Files.isRegularFile(file)) {
      return; // the command reports a missing file in its own words
    }
    CompletableFuture<ReleaseGraph> graph = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                graph.complete(GraphLoader.load(file));
              } catch (RuntimeException | Error e) {
                graph.completeExceptionally(e);
              }
            },
            "graph-preload");
    t.setDaemon(true);
    t.start();
    PENDING.set(new Pending(file.toAbsolutePath().normalize(), graph));
  }

  /** The preloaded graph of {@code file}, waiting for it; empty when none was started for it. */
  static Optional<ReleaseGraph> take(Path file) {
    Pending p = PENDING.get();
    PENDING.remove();
    if (p == null || !p.file().equals(file.toAbsolutePath().normalize())) {
      return Optional.empty();
    }
    try {
      return Optional.of(p.graph().join());
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r; // BadInputException and the like, as the loader threw them
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Forgets a preload nobody asked for (a command line that failed before loading). */
  static void clear() {
    PENDING.remove();
  }

  /** The value of {@code -g}/{@code --graph} before any {@code --}, when there is one. */
  static Optional<Path> named(List<String> args) {
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        break;
      }
      if ((a.equals("-g") || a.equals("--graph")) && i + 1 < args.size()) {
        return Optional.of(Path.of(args.get(i + 1)));
      }
      if (a.startsWith("--graph=")) {
        return Optional.of(Path.of(a.substring("--graph=".length())));
      }
    }
    return Optional.empty();
  }
}
