package dev.lockstep.release;

/**
 * Hears what a release does. The engine never prints: a CLI renders these events (or stays quiet).
 * Image builds run on two threads, so implementations must be thread-safe and return quickly.
 */
public interface ReleaseListener {

  /** Hears nothing. */
  ReleaseListener NONE = new ReleaseListener() {};

  default void started(ReleaseStep step) {}

  /**
   * @param outcome one line, e.g. {@code pushed sha256:...}
   */
  default void finished(ReleaseStep step, String outcome) {}

  /** The step had nothing to do, e.g. the image tag already holds this very image (resume). */
  default void skipped(ReleaseStep step, String reason) {}

  /**
   * Progress of a long step (image builds and pushes).
   *
   * @param phase a short verb: building, pulling, pushing, writing, done
   * @param total 0 when unknown
   */
  default void progress(ReleaseStep step, String phase, long done, long total) {}

  /** Blob bytes actually uploaded by a publish step (0 when everything was already there). */
  default void uploaded(ReleaseStep step, long bytes) {}

  /** One line of output of a {@code prepare} command. */
  default void output(ReleaseStep step, String line) {}
}
