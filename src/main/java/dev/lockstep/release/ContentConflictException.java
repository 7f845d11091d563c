package dev.lockstep.release;

/**
 * An image tag, chart version or output file of this release already holds other content. Published
 * versions are immutable: the release stops before it publishes anything.
 */
public final class ContentConflictException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  /** Found before anything was published (the images and charts were only built). */
  ContentConflictException(String problem) {
    super(problem, Stage.PREFLIGHT, "nothing was published", null);
  }

  /** Found while publishing: someone else published that version since the preflight. */
  ContentConflictException(String problem, Stage stage, Throwable cause) {
    super(problem, stage, "nothing was tagged", cause);
  }
}
