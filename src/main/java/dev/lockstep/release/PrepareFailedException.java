package dev.lockstep.release;

/** An image's {@code prepare} command could not be started or exited non-zero. */
public final class PrepareFailedException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  PrepareFailedException(String problem, Throwable cause) {
    super(problem, Stage.BUILD, cause);
  }
}
