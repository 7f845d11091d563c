package dev.lockstep.release;

/** A local file or the git object store could not be read or written (disk full, permissions). */
public final class LocalIoException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  LocalIoException(String problem, Stage stage, Throwable cause) {
    super(problem, stage, cause);
  }
}
