package dev.lockstep.cli;

import dev.lockstep.model.Verdict;

/** The exit codes every command uses. */
final class ExitCodes {
  static final int OK = 0;

  /** verify found problems; a release step failed. */
  static final int FAILURE = 1;

  /** The graph, a file it names, or an argument cannot be used. */
  static final int BAD_INPUT = 2;

  private ExitCodes() {}

  /** The one mapping from a report's verdict to the process's exit code. */
  static int of(Verdict verdict) {
    return switch (verdict) {
      case PASS -> OK;
      case FAIL -> FAILURE;
      case BAD_INPUT -> BAD_INPUT;
    };
  }
}
