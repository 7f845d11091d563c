package dev.lockstep.release;

/**
 * The plan does not fit the repository as it is now (main moved, a file changed since planning, a
 * chart's name or version differs from what the plan says), or asks for something the executor
 * cannot do. Nothing was published: plan again.
 */
public final class PlanMismatchException extends ReleaseException {
  private static final long serialVersionUID = 1L;

  PlanMismatchException(String problem) {
    super(problem, Stage.PREFLIGHT, "nothing was published", null);
  }
}
