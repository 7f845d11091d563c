package dev.lockstep.release;

import dev.lockstep.gitrepo.GitRepo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/** The files of a released commit, written out for checks that read a repo from a folder. */
public final class ReleasedTree {
  private ReleasedTree() {}

  /**
   * Writes the tree of {@code rev} (a tag or branch) of the repo at {@code root} into {@code into}.
   *
   * @return false when the repo has no such rev
   */
  public static boolean extract(Path root, String rev, Path into) throws IOException {
    Optional<GitRepo> git = GitRepo.open(root);
    if (git.isEmpty()) {
      return false;
    }
    try (GitRepo g = git.get()) {
      ObjectId commit = g.repository().resolve(rev + "^{commit}");
      if (commit == null) {
        return false;
      }
      OutputFiles.deleteTree(into);
      TreeCheckout.extract(g.repository(), commit, into);
      return true;
    }
  }
}
