package dev.lockstep.cli;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.gitrepo.GitWarmUp;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.verify.GitAhead;
import java.io.IOException;
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
 * reported only if its graph is asked for, so a bad command line still gets its own error. Git's
 * lookups for the graph's repos start while the graph's artifacts are still being read.
 */
final class GraphPreload {
  private GraphPreload() {}

  private record Pending(
      Path file, CompletableFuture<ReleaseGraph> graph, GitAhead git, boolean warmUpWhenTaken) {}

  /** Per thread: picocli runs a command on the thread that called {@link Main#run}. */
  private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

  /** The git lookups of the preload last taken on this thread. */
  private static final ThreadLocal<GitAhead> TAKEN = new ThreadLocal<>();

  /**
   * A graph this large takes longer to parse than picocli to start (about 0.1 s on a CI runner's
   * two cores), so JGit's set-up waits for the main thread to wait instead of competing with the
   * parse; a smaller graph is parsed before git is needed, and JGit's set-up starts at once.
   */
  static final long LARGE_GRAPH_BYTES = 256 * 1024;

  /**
   * Starts loading the graph {@code args} names, and JGit's one-time set-up, when they run {@code
   * verify}. Git is read for the graph's repos as soon as the loader has read them.
   */
  static void start(String[] args) {
    clear();
    List<String> list = List.of(args);
    if (list.isEmpty()
        || !list.get(0).equals("verify")
        || list.contains("-h")
        || list.contains("--help")) {
      return;
    }
    Path file = named(list).orElseGet(CommonOptions::defaultGraph);
    long size;
    try {
      size = Files.isRegularFile(file) ? Files.size(file) : -1;
    } catch (IOException e) {
      size = -1;
    }
    if (size < 0) {
      return; // the command reports a missing file in its own words
    }
    boolean large = size >= LARGE_GRAPH_BYTES;
    if (!large) {
      GitWarmUp.inBackground();
    }
    GitAhead git = new GitAhead();
    CompletableFuture<ReleaseGraph> graph = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                graph.complete(GraphLoader.load(file, git::start));
              } catch (RuntimeException | Error e) {
                graph.completeExceptionally(e);
              }
            },
            "graph-preload");
    t.setDaemon(true);
    t.start();
    PENDING.set(new Pending(file.toAbsolutePath().normalize(), graph, git, large));
  }

  /** The preloaded graph of {@code file}, waiting for it; empty when none was started for it. */
  static Optional<ReleaseGraph> take(Path file) {
    Pending p = PENDING.get();
    PENDING.remove();
    if (p == null || !p.file().equals(file.toAbsolutePath().normalize())) {
      return Optional.empty();
    }
    TAKEN.set(p.git());
    if (p.warmUpWhenTaken()) {
      GitWarmUp.inBackground();
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

  /**
   * The git lookups the taken preload started for its graph's repos; none when no preload was
   * taken. Verify uses them only for a graph with the same repos.
   */
  static GitAhead gitAhead() {
    GitAhead git = TAKEN.get();
    TAKEN.remove();
    return git == null ? GitAhead.none() : git;
  }

  /** Forgets a preload nobody asked for (a command line that failed before loading). */
  static void clear() {
    PENDING.remove();
    TAKEN.remove();
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
