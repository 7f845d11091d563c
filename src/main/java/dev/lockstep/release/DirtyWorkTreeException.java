package dev.lockstep.release;

import java.util.List;

/**
 * The released repo's work tree has changes git does not hold: they would not be in the release.
 */
public final class DirtyWorkTreeException extends ReleaseException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN = 8;
  private final List<String> files;

  DirtyWorkTreeException(String repo, List<String> files) {
    super(
        "the work tree of "
            + repo
            + " is not clean ("
            + summary(files)
            + "); commit or stash the changes, then re-run",
        Stage.PREFLIGHT,
        null);
    this.files = List.copyOf(files);
  }

  /**
   * Each dirty path with a git-status-like code, e.g. {@code M README.md}, {@code ?? notes.txt}.
   */
  public List<String> files() {
    return files;
  }

  private static String summary(List<String> files) {
    String shown = String.join(", ", files.subList(0, Math.min(SHOWN, files.size())));
    return files.size() > SHOWN ? shown + " and " + (files.size() - SHOWN) + " more" : shown;
  }
}
