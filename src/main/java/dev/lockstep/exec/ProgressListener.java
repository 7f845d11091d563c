package dev.lockstep.exec;

/**
 * Receives progress from long-running execution steps (image builds, pushes, chart packaging).
 *
 * <p>Implementations may be called from several threads at once and must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

  /** Ignores every update. */
  ProgressListener NONE = (subject, phase, done, total) -> {};

  /**
   * @param subject what is being worked on, e.g. an image reference or a chart name
   * @param phase a short lower-case verb such as "building", "pushing", "pulling", "writing",
   *     "done"
   * @param done units finished so far
   * @param total units expected in all; 0 when unknown
   */
  void onProgress(String subject, String phase, long done, long total);
}
