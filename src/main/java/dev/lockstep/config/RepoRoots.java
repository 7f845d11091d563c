package dev.lockstep.config;

import dev.lockstep.model.Problem;
import dev.lockstep.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a repo without {@code path:} is: the repo that holds the graph file is that git work tree's
 * root (a graph at {@code graph/lockstep.yaml} needs no {@code path:}); a repo with {@code url:}
 * alone is not checked out here; any other repo must say where it is.
 */
final class RepoRoots {
  private final Path graphDir;
  private final Optional<Path> workTree;
  private Optional<String> holder = Optional.empty();

  RepoRoots(Path graphDir) {
    this.graphDir = graphDir;
    this.workTree = workTreeOf(graphDir);
  }

  /** The git work tree {@code dir} lies in: the nearest folder upward holding {@code .git}. */
  static Optional<Path> workTreeOf(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** Where a repo is read from, and whether it is checked out here. */
  record Root(Path path, boolean local) {}

  /**
   * The root of a repo that has no {@code path:}; a problem (with the line to write) when it cannot
   * be the repo holding the graph.
   */
  Root withoutPath(String id, String url, Source at, List<Problem> problems) {
    if (url != null) {
      return new Root(graphDir.resolve(id).normalize(), false);
    }
    if (workTree.isPresent() && holder.isEmpty()) {
      holder = Optional.of(id);
      return new Root(workTree.get(), true);
    }
    Path guess =
        workTree.map(w -> w.resolveSibling(id)).orElse(graphDir.resolve(id)).toAbsolutePath();
    String rel = graphDir.relativize(guess.normalize()).toString().replace('\\', '/');
    String why =
        holder.isPresent()
            ? "repo "
                + id
                + " has no path:, and only the repo that holds the graph file ("
                + holder.get()
                + ", at "
                + workTree.get()
                + ") may leave it out"
            : "repo " + id + " has no path:, and the graph file is in no git work tree";
    problems.add(
        Problem.at(
            at,
            why,
            "write where it is checked out, relative to the graph file (path: "
                + (rel.isEmpty() ? "." : rel)
                + "), or url: alone when it is not checked out here"));
    return new Root(graphDir.resolve(id).normalize(), false);
  }
}
