package dev.lockstep.release;

/**
 * The release commit holds a symlink that leads out of the repo (absolute, climbing above its root,
 * or into {@code .git}): its target would be packaged from the machine that runs the release.
 */
public final class UnsafeSymlinkException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  UnsafeSymlinkException(String path, String link) {
    super(
        "the release commit holds "
            + path
            + ", a symlink to "
            + link
            + " outside the repo, which would package a file of this machine; commit the file"
            + " itself (or a link inside the repo) instead",
        Stage.BUILD,
        "nothing was published",
        null);
  }

  @Override
  public boolean isRefusal() {
    return true;
  }
}
