package dev.lockstep.release;

/**
 * Why a release stopped, in one line that names what failed, what to do, and what state the release
 * was left in. Never carries credentials. {@link #isRefusal()} tells a refusal (nothing was
 * published; the CLI exits 2) from a failure part-way (exit 1; a re-run resumes).
 */
public abstract class ReleaseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How far a release got when it stopped; decides the advice at the end of the message. */
  public enum Stage {
    PREFLIGHT("nothing was changed"),
    BUILD("nothing was published; re-run lockstep release to resume"),
    PUBLISH("nothing was tagged; re-run lockstep release to resume"),
    TAG("re-run lockstep release to resume"),
    AFTER("the release is tagged; re-run lockstep release to finish");

    private final String outcome;

    Stage(String outcome) {
      this.outcome = outcome;
    }

    public String outcome() {
      return outcome;
    }
  }

  private final Stage stage;

  protected ReleaseException(String problem, Stage stage, Throwable cause) {
    this(problem, stage, stage.outcome(), cause);
  }

  /**
   * @param outcome what state the release is left in, when the stage's default does not say it
   *     right
   */
  protected ReleaseException(String problem, Stage stage, String outcome, Throwable cause) {
    super(problem + "; " + outcome, cause);
    this.stage = stage;
  }

  public Stage stage() {
    return stage;
  }

  /** True when the release was refused before anything was published. */
  public boolean isRefusal() {
    return stage == Stage.PREFLIGHT;
  }
}
