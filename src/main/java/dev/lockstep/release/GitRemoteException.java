package dev.lockstep.release;

/** The git remote could not be read, or it rejected the push of the release refs. */
public final class GitRemoteException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  GitRemoteException(String problem, Stage stage, Throwable cause) {
    super(problem, stage, cause);
  }
}
