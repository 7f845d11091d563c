package dev.lockstep.release;

/**
 * An image of ours built by another tool is not at the release's tag, or its revision label names
 * another commit: publishing a chart that points at it would break the release.
 */
public final class ImageMissingException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  ImageMissingException(String problem) {
    super(problem, Stage.PREFLIGHT, null);
  }
}
