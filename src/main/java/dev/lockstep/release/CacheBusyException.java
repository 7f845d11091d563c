package dev.lockstep.release;

/** Another release of the same repo is using the same cache folder: nothing was changed. */
public final class CacheBusyException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  CacheBusyException(String problem) {
    super(problem, Stage.PREFLIGHT, null);
  }
}
