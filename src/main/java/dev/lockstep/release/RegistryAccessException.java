package dev.lockstep.release;

/** A registry could not be reached, refused the credentials, or failed a request. */
public final class RegistryAccessException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  RegistryAccessException(String problem, Stage stage, Throwable cause) {
    super(problem, stage, cause);
  }
}
