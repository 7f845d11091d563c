package dev.lockstep.release;

/**
 * A tag or branch the release would create already exists, locally or on the remote, at another
 * commit. Tags are never moved, so the release stops before anything is published.
 */
public final class RefConflictException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  RefConflictException(String problem) {
    super(problem, Stage.PREFLIGHT, null);
  }

  /** Found while creating the refs: someone created one since the preflight. */
  RefConflictException(String problem, Stage stage) {
    super(problem, stage, null);
  }
}
