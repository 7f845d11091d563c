package dev.lockstep.train;

/**
 * Why a train stopped, in one line (or a first line and the details under it). A refusal published
 * nothing (exit 2); otherwise the train stopped part-way and the same command resumes it (exit 1).
 */
public final class TrainException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean refusal;

  public TrainException(String message, boolean refusal, Throwable cause) {
    super(message, cause);
    this.refusal = refusal;
  }

  public boolean isRefusal() {
    return refusal;
  }
}
