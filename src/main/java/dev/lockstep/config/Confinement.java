package dev.lockstep.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The workspace a graph may reach: the git work tree that holds the graph file (else the folder
 * above the graph's own folder, the {@code REPO/graph/lockstep.yaml} layout), and the git checkouts
 * directly beside it. Never {@code /}, never a path inside a {@code .git} folder. Paths are
 * compared with symlinks resolved, so a link cannot lead out.
 */
final class Confinement {
  private final Path workTree;
  private final Optional<Path> siblings;

  private Confinement(Path workTree) {
    this.workTree = workTree;
    Path parent = workTree.getParent();
    this.siblings =
        parent == null || parent.getParent() == null ? Optional.empty() : Optional.of(parent);
  }

  static Confinement of(Path graphFile) {
    Path dir = real(graphFile.toAbsolutePath().normalize().getParent());
    for (Path p = dir; p != null && p.getParent() != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        return new Confinement(p);
      }
    }
    Path above = dir.getParent();
    return new Confinement(above == null || above.getParent() == null ? dir : above);
  }

  Path workTree() {
    return workTree;
  }

  /** Why {@code root} (a repo's path) lies outside the workspace, or empty when it is inside. */
  Optional<String> refuse(Path root) {
    Path r = real(root.toAbsolutePath().normalize());
    if (r.getParent() == null) {
      return Optional.of("the file system root is no repo");
    }
    if (r.startsWith(workTree)) {
      return insideGit(workTree.relativize(r));
    }
    if (siblings.isPresent() && r.startsWith(siblings.get()) && !r.equals(siblings.get())) {
      Path rel = siblings.get().relativize(r);
      Path checkout = siblings.get().resolve(rel.getName(0));
      if (Files.exists(checkout, LinkOption.NOFOLLOW_LINKS)
          && !Files.exists(checkout.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(
            checkout + " beside the workspace " + workTree + " is not a git checkout");
      }
      return insideGit(rel);
    }
    return Optional.of(
        r
            + " lies outside the workspace ("
            + workTree
            + (siblings.isPresent() ? " and the git checkouts beside it" : "")
            + ")");
  }

  private static Optional<String> insideGit(Path rel) {
    for (Path part : rel) {
      if (part.toString().equals(".git")) {
        return Optional.of("it lies inside a .git folder");
      }
    }
    return Optional.empty();
  }

  /** The real path of {@code p}: symlinks resolved for the part that exists, the rest appended. */
  static Path real(Path p) {
    Path existing = p;
    Path rest = null;
    while (existing != null) {
      try {
        Path real = existing.toRealPath();
        return rest == null ? real : real.resolve(rest).normalize();
      } catch (IOException e) {
        Path name = existing.getFileName();
        if (name == null) {
          return p;
        }
        rest = rest == null ? name : name.resolve(rest);
        existing = existing.getParent();
      }
    }
    return p;
  }
}
