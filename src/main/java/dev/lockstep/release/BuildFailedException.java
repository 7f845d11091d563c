package dev.lockstep.release;

/** An image or chart could not be built from the release checkout. */
public final class BuildFailedException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  BuildFailedException(String problem, Throwable cause) {
    super(problem, Stage.BUILD, cause);
  }
}
